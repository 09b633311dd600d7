import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { chargeAndRecord } from '../charges/charge-and-record'
import { refundCredit } from '../invoices/refund-credit'
import { issueInvoice } from '../invoices/issue-invoice'
import { ok, refuse, type Details, type Outcome } from '../outcome'
import { loadOwnSubscription, readOwnSubscription } from './load-own-subscription'
import { planLicenseChange, type LicensePlan, type PlanRefusal } from './license-change-plan'

export type ChangeRefusal =
  | 'not_found'
  | PlanRefusal
  | 'no_payment_method'
  | 'changed_meanwhile'
  | 'key_reused'
  | DeclineReason
export type LicensesChanged = { subscriptionId: string; plan: LicensePlan }

type Loaded = {
  sub: typeof subscriptions.$inferSelect
  productMax: number
  productName: string
  country: string
  card: { id: string; token: string; brand: string; last4: string } | null
}

/** The purchaser's subscription with what a licence change needs; `lock` takes its row lock. */
async function load(db: DbOrTx, actor: Actor, id: string, lock: boolean): Promise<Loaded | null> {
  // A preview reads the count with the row; a change counts after taking the lock (DESIGN §4).
  const read = lock ? null : await readOwnSubscription(db, actor, id, { holders: 0 })
  const own = read ?? (lock ? await loadOwnSubscription(db, actor, id, { lock }) : null)
  if (!own) return null
  return {
    sub: own.sub,
    productMax: own.product.maxQuantity,
    productName: own.product.nameEn,
    country: own.profile?.country ?? 'US',
    card: own.card
      ? { id: own.card.id, token: own.card.gatewayToken, brand: own.card.brand, last4: own.card.last4 }
      : null,
  }
}

function plan(l: Loaded, total: number, now: Date) {
  return planLicenseChange(l.sub, {
    total,
    assigned: l.sub.assignedCount,
    productMax: l.productMax,
    country: l.country,
    now,
  })
}

/** What a new total would do, priced, for the pane's live summary. Refuses like changeLicenses. */
export async function previewLicenseChange(
  deps: Deps,
  actor: Actor,
  id: string,
  total: number,
): Promise<Outcome<LicensePlan, 'not_found' | PlanRefusal>> {
  const l = await load(deps.db, actor, id, false)
  if (!l) return refuse('not_found')
  const p = plan(l, total, deps.clock.now())
  return p.ok ? ok(p.plan) : refuse(p.refusal, p.details)
}

/**
 * Sets the subscription's total licences (DESIGN §3): buys the difference now (prorated, invoice
 * *Add quantity*), removes at once with a prorated credit note (*Remove quantity*) inside the
 * window, or schedules the removal for the renewal date. The same total again withdraws a pending
 * removal. Refuses not_found, trial, not_changeable, cancelled, out_of_range, below_assigned,
 * no_payment_method, changed_meanwhile, key_reused (the form's key was used for another total) and
 * the gateway's declines.
 */
export async function changeLicenses(
  deps: Deps,
  actor: Actor,
  id: string,
  total: number,
  formKey: string,
): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  const first = await load(deps.db, actor, id, false)
  if (!first) return refuse('not_found')
  const planned = plan(first, total, deps.clock.now())
  if (!planned.ok) return refuse(planned.refusal, planned.details)
  if (planned.plan.kind === 'add') return addLicenses(deps, actor, first, planned.plan, formKey)
  return changeWithoutCharge(deps, actor, id, total)
}

async function addLicenses(
  deps: Deps,
  actor: Actor,
  l: Loaded,
  p: Extract<LicensePlan, { kind: 'add' }>,
  formKey: string,
): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  if (!l.card || !l.sub.billingProfileId) return refuse('no_payment_method')
  const card = l.card
  const billingProfileId = l.sub.billingProfileId
  const now = deps.clock.now()
  const charge = {
    orgId: actor.orgId,
    subscriptionId: l.sub.id,
    key: `licenses:${l.sub.id}:${formKey}`,
    amount: p.quote.total,
    currency: p.quote.currency,
    order: { subscription: l.sub.id, from: p.from, to: p.to, card: card.id },
  }
  const result = await chargeAndRecord(deps, charge, card.token, async (tx, charged) => {
    const locked = await load(tx, actor, l.sub.id, true)
    // Priced on a count, a term or a card that changed meanwhile: the money goes back, the user tries again.
    const same = locked && locked.sub.quantity === p.from && locked.sub.status === 'active' && !locked.sub.cancelledAt
    // The term must still run: a renewal due meanwhile would otherwise price the new term without them.
    const termRuns = locked && locked.sub.termEnd.getTime() === l.sub.termEnd.getTime() && locked.sub.termEnd > now
    if (!same || !termRuns || locked.card?.id !== card.id) {
      return { ok: false, giveBack: 'changed_meanwhile' as const }
    }
    const [after] = await tx
      .update(subscriptions)
      .set({
        quantity: p.to,
        pendingQuantity: null,
        lastQuantityIncreaseAt: now,
        lastQuantityIncrease: p.added,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, l.sub.id))
      .returning()
    const invoice = await issueInvoice(tx, {
      orgId: actor.orgId,
      purchaserId: actor.id,
      billingProfileId,
      subscriptionId: l.sub.id,
      type: 'add_quantity',
      kind: 'invoice',
      issuedAt: now,
      description: l.productName,
      quote: p.quote,
      card: { brand: card.brand, last4: card.last4 },
    })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.licenses_added',
      entityType: 'subscription',
      entityId: l.sub.id,
      before: { quantity: p.from, assigned: locked.sub.assignedCount, pendingQuantity: locked.sub.pendingQuantity },
      after: {
        quantity: after!.quantity,
        assigned: locked.sub.assignedCount,
        invoiceId: invoice.id,
        charged: p.quote.total,
        chargeReference: charged.reference,
      },
      at: now,
    })
    return { ok: true, value: { subscriptionId: l.sub.id, plan: p }, invoiceId: invoice.id, subscriptionId: l.sub.id }
  })
  if (result.kind === 'recorded') return ok(result.value)
  // The same form submitted twice: the first submit bought these licences.
  if (result.kind === 'replayed') return ok({ subscriptionId: l.sub.id, plan: p })
  const refusal = result.refusal === 'spent_key' ? 'processing_error' : result.refusal
  if (refusal !== 'key_reused' && refusal !== 'changed_meanwhile') {
    await recordAudit(deps.db, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.add_licenses_declined',
      entityType: 'subscription',
      entityId: l.sub.id,
      after: { decline: refusal, total: p.quote.total, licenses: p.to },
      at: now,
    })
  }
  return refuse(refusal)
}

/** Removal (now or scheduled) and withdrawal: planned again under the row lock, so the assigned
 *  count it checks is the one that holds when it commits. */
async function changeWithoutCharge(
  deps: Deps,
  actor: Actor,
  id: string,
  total: number,
): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  const now = deps.clock.now()
  const result = await deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true)
    if (!l) return refuse('not_found' as const)
    const planned = plan(l, total, now)
    if (!planned.ok) return refuse(planned.refusal, planned.details as Details | undefined)
    const p = planned.plan
    const before = { quantity: l.sub.quantity, assigned: l.sub.assignedCount, pendingQuantity: l.sub.pendingQuantity }
    const audit = (action: string, after: object) =>
      recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action,
        entityType: 'subscription',
        entityId: id,
        before,
        after,
        at: now,
      })
    if (p.kind === 'unchanged') return ok({ plan: p, refund: null })
    if (p.kind === 'withdraw' || p.kind === 'schedule') {
      const pendingQuantity = p.kind === 'schedule' ? p.to : null
      await tx.update(subscriptions).set({ pendingQuantity, updatedAt: now }).where(eq(subscriptions.id, id))
      await audit(
        p.kind === 'schedule' ? 'subscription.licenses_removal_scheduled' : 'subscription.licenses_removal_withdrawn',
        { ...before, pendingQuantity },
      )
      return ok({ plan: p, refund: null })
    }
    if (p.kind !== 'remove_now') return refuse('changed_meanwhile' as const)
    const left = p.usesAddition ? (l.sub.lastQuantityIncrease ?? 0) - p.removed : l.sub.lastQuantityIncrease
    await tx
      .update(subscriptions)
      .set({
        quantity: p.to,
        pendingQuantity: null,
        lastQuantityIncrease: left || null,
        lastQuantityIncreaseAt: left ? l.sub.lastQuantityIncreaseAt : null,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, id))
    const credit = l.sub.billingProfileId
      ? await issueInvoice(tx, {
          orgId: actor.orgId,
          purchaserId: actor.id,
          billingProfileId: l.sub.billingProfileId,
          subscriptionId: id,
          type: 'remove_quantity',
          kind: 'credit_note',
          issuedAt: now,
          description: l.productName,
          quote: p.quote,
          card: l.card ? { brand: l.card.brand, last4: l.card.last4 } : null,
        })
      : null
    await audit('subscription.licenses_removed', {
      quantity: p.to,
      assigned: l.sub.assignedCount,
      creditNoteId: credit?.id ?? null,
      credited: p.quote.total,
    })
    return ok({
      plan: p,
      refund: credit && l.card ? { creditNoteId: credit.id, amount: p.quote.total, currency: p.quote.currency } : null,
    })
  })
  if (!result.ok) return result
  if (result.value.refund) await refundCredit(deps, actor, id, result.value.refund)
  return ok({ subscriptionId: id, plan: result.value.plan })
}
