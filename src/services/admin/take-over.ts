import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import {
  billingProfiles,
  licenseAssignments,
  notifications,
  paymentMethods,
  products,
  subscriptions,
  users,
} from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { issueInvoice } from '../invoices/issue-invoice'
import { refundCredit } from '../invoices/refund-credit'
import { ok, refuse, type Outcome } from '../outcome'
import { availableLicenses } from '../subscriptions/subscription-rules'
import { isAdmin } from './admin-access'
import {
  alreadyHolding,
  isTakeOverTarget,
  MAX_TAKE_OVER_NOTE,
  movableHolders,
  TAKE_OVER_REASONS,
  type TakeOverReason,
  takeOverCredit,
} from './take-over-plan'

export type TakeOverChoice = { kind: 'move'; targetId: string } | { kind: 'cancel'; reason: string; note: string }

export type TakeOverRefusal =
  | 'not_found'
  | 'already_deleted'
  | 'target_unavailable'
  | 'not_enough_licenses'
  | 'reason_required'
  | 'note_required'
  | 'note_too_long'

export type TakenOver = {
  kind: 'move' | 'cancel'
  /** Users now holding a licence of the target (those who held one there already not counted). */
  moved: number
  credit: { creditNoteId: string; amount: number; currency: string } | null
}

type Sub = typeof subscriptions.$inferSelect

/**
 * Takes a self-service subscription over (DESIGN §8): its users move to another running subscription
 * of the same product, or it is cancelled with a reason; either way it becomes `deleted` at once, its
 * licences and pending change go, the purchaser is credited the paid time left (takeOverCredit,
 * refunded after the commit), notified and the change audited, in one transaction. Refuses
 * not_found, already_deleted, target_unavailable, not_enough_licenses ({ needed, free }),
 * reason_required, note_required, note_too_long ({ max, used }).
 */
export async function takeOverSubscription(
  deps: Deps,
  actor: Actor,
  id: string,
  choice: TakeOverChoice,
): Promise<Outcome<TakenOver, TakeOverRefusal>> {
  if (!isAdmin(actor)) return refuse('not_found')
  let note = ''
  if (choice.kind === 'cancel') {
    if (!(TAKE_OVER_REASONS as readonly string[]).includes(choice.reason)) return refuse('reason_required')
    note = choice.note.trim()
    const used = [...note].length
    if (used > MAX_TAKE_OVER_NOTE) return refuse('note_too_long', { max: MAX_TAKE_OVER_NOTE, used })
    if (choice.reason === 'other' && used === 0) return refuse('note_required')
  } else if (choice.targetId === id) return refuse('target_unavailable')
  const now = deps.clock.now()
  const result = await deps.db.transaction(async (tx) => {
    // NOTE lock order: both rows in one statement, by id, as Replace locks a profile's subscriptions,
    // before issueInvoice takes the profile's row: two take-overs, or a take-over and a purchaser's
    // assign or licence change, wait for each other instead of deadlocking, and the free licences
    // and the status below are read under the lock.
    const ids = choice.kind === 'move' ? [id, choice.targetId] : [id]
    const locked = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.orgId, actor.orgId), inArray(subscriptions.id, ids)))
      .orderBy(asc(subscriptions.id))
      .for('update')
    const sub = locked.find((s) => s.id === id)
    if (sub?.source !== 'self_service') return refuse('not_found' as const)
    if (sub.status === 'deleted') return refuse('already_deleted' as const)
    const holdersBefore = sub.assignedCount
    let moved = 0
    let target: (Sub & { owner: string }) | null = null
    if (choice.kind === 'move') {
      const t = locked.find((s) => s.id === choice.targetId)
      if (!t || t.productId !== sub.productId || !isTakeOverTarget(t)) return refuse('target_unavailable' as const)
      const movers = await movableHolders(tx, actor.orgId, id)
      const held = await alreadyHolding(
        tx,
        actor.orgId,
        [t.id],
        movers.map((m) => m.userId),
      )
      const needed = movers.length - (held.get(t.id) ?? 0)
      const targetBefore = t.assignedCount
      const free = availableLicenses({ ...t, assigned: targetBefore })
      if (needed > free) return refuse('not_enough_licenses' as const, { needed, free })
      moved = await moveHolders(tx, actor, movers, t.id, now)
      const [owner] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, t.purchaserId))
      target = { ...t, owner: owner?.name ?? '' }
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'licenses.moved_in',
        entityType: 'subscription',
        entityId: t.id,
        before: { assigned: targetBefore },
        after: { assigned: targetBefore + moved, from: id },
        at: now,
      })
    }
    // Whoever was not moved (the cancel choice, a disabled user or a guest) loses the licence.
    await tx
      .delete(licenseAssignments)
      .where(and(eq(licenseAssignments.orgId, actor.orgId), eq(licenseAssignments.subscriptionId, id)))
    const credit = await creditNote(tx, sub, now)
    const [after] = await tx
      .update(subscriptions)
      .set({
        status: 'deleted',
        statusChangedAt: now,
        autoRenew: false,
        pendingQuantity: null,
        // A credited term ends now: what is left of it was given back.
        termEnd: credit && now > sub.termStart ? now : sub.termEnd,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, id))
      .returning()
    const reason = choice.kind === 'cancel' ? (choice.reason as TakeOverReason) : null
    await tx.insert(notifications).values({
      orgId: actor.orgId,
      userId: sub.purchaserId,
      kind: 'take_over',
      subscriptionId: id,
      // Names as they are now: the purchaser reads who did it and where their users went.
      data: {
        by: actor.displayName,
        ...(target ? { to: target.owner, toSource: target.source, targetId: target.id } : {}),
        ...(reason ? { reason } : {}),
        ...(note ? { note } : {}),
        ...(credit ? { creditNoteId: credit.creditNoteId } : {}),
      },
      createdAt: now,
    })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.taken_over',
      entityType: 'subscription',
      entityId: id,
      before: { ...sub, assigned: holdersBefore },
      after: {
        ...after,
        assigned: 0,
        takeOver: choice.kind,
        targetId: target?.id ?? null,
        moved,
        reason,
        note: note || null,
        creditNoteId: credit?.creditNoteId ?? null,
      },
      at: now,
    })
    return ok({ kind: choice.kind, moved, credit })
  })
  if (!result.ok) return result
  // The refund goes through the gateway after the commit; the credit note stands either way.
  if (result.value.credit) await refundCredit(deps, actor, id, result.value.credit)
  return result
}

/** Gives each movable holder the target's licence (those holding one there already keep theirs). */
async function moveHolders(
  tx: Tx,
  actor: Actor,
  movers: { assignmentId: string; userId: string }[],
  toId: string,
  now: Date,
): Promise<number> {
  const held = new Set(
    (
      await tx
        .select({ userId: licenseAssignments.userId })
        .from(licenseAssignments)
        .where(and(eq(licenseAssignments.orgId, actor.orgId), eq(licenseAssignments.subscriptionId, toId)))
    ).map((r) => r.userId),
  )
  const moving = movers.filter((m) => !held.has(m.userId))
  if (moving.length === 0) return 0
  await tx
    .update(licenseAssignments)
    .set({ subscriptionId: toId, assignedBy: actor.id, assignedAt: now })
    .where(
      inArray(
        licenseAssignments.id,
        moving.map((m) => m.assignmentId),
      ),
    )
  return moving.length
}

/** The credit note for the paid time left (takeOverCredit), issued to the purchaser's profile. */
async function creditNote(tx: Tx, sub: Sub, now: Date): Promise<TakenOver['credit']> {
  if (!sub.billingProfileId) return null
  const [billing] = await tx
    .select({
      country: billingProfiles.country,
      product: products.nameEn,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(billingProfiles)
    .innerJoin(products, eq(products.id, sub.productId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, sub.paymentMethodId ?? billingProfiles.paymentMethodId))
    .where(eq(billingProfiles.id, sub.billingProfileId))
  const quote = takeOverCredit(sub, billing?.country ?? null, now)
  if (!billing || !quote) return null
  const issued = await issueInvoice(tx, {
    orgId: sub.orgId,
    purchaserId: sub.purchaserId,
    billingProfileId: sub.billingProfileId,
    subscriptionId: sub.id,
    type: 'cancel',
    kind: 'credit_note',
    issuedAt: now,
    description: billing.product,
    quote,
    card: billing.brand && billing.last4 ? { brand: billing.brand, last4: billing.last4 } : null,
  })
  return { creditNoteId: issued.id, amount: quote.total, currency: quote.currency }
}
