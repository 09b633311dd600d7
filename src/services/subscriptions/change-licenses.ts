import { and, count, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { billingProfiles, licenseAssignments, paymentMethods, payments, products, subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { chargeOutcome, giveBackUnrecordedCharge, recordDecline } from '../invoices/charge-ledger'
import { refundCredit } from '../invoices/refund-credit'
import { issueInvoice } from '../invoices/issue-invoice'
import { ok, refuse, type Details, type Outcome } from '../outcome'
import { planLicenseChange, type LicensePlan, type PlanRefusal } from './license-change-plan'

export type ChangeRefusal = 'not_found' | PlanRefusal | 'no_payment_method' | 'changed_meanwhile' | DeclineReason
export type LicensesChanged = { subscriptionId: string; plan: LicensePlan }

type Loaded = {
  sub: typeof subscriptions.$inferSelect
  productMax: number
  productName: string
  country: string
  card: { token: string; brand: string; last4: string } | null
  assigned: number
}

/** The purchaser's subscription with what a licence change needs; `lock` takes its row lock. */
async function load(db: DbOrTx, actor: Actor, id: string, lock: boolean): Promise<Loaded | null> {
  const base = db
    .select({ sub: subscriptions, productMax: products.maxQuantity, productName: products.nameEn, country: billingProfiles.country, card: paymentMethods })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
  // NOTE: the row lock on the subscription serializes every change of its quantity and of its
  // assignments (DESIGN §4), in any app instance.
  const [row] = lock ? await base.for('update', { of: subscriptions }) : await base
  if (!row || row.sub.status === 'deleted') return null
  const [assigned] = await db.select({ n: count() }).from(licenseAssignments).where(and(eq(licenseAssignments.orgId, actor.orgId), eq(licenseAssignments.subscriptionId, id)))
  return {
    sub: row.sub,
    productMax: row.productMax,
    productName: row.productName,
    country: row.country ?? 'US',
    card: row.card ? { token: row.card.gatewayToken, brand: row.card.brand, last4: row.card.last4 } : null,
    assigned: Number(assigned?.n ?? 0),
  }
}

function plan(l: Loaded, total: number, now: Date) {
  return planLicenseChange(l.sub, { total, assigned: l.assigned, productMax: l.productMax, country: l.country, now })
}

/** What a new total would do, priced, for the pane's live summary. Refuses like changeLicenses. */
export async function previewLicenseChange(deps: Deps, actor: Actor, id: string, total: number): Promise<Outcome<LicensePlan, 'not_found' | PlanRefusal>> {
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
 * no_payment_method, changed_meanwhile and the gateway's declines.
 */
export async function changeLicenses(deps: Deps, actor: Actor, id: string, total: number, formKey: string): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  const first = await load(deps.db, actor, id, false)
  if (!first) return refuse('not_found')
  const planned = plan(first, total, deps.clock.now())
  if (!planned.ok) return refuse(planned.refusal, planned.details)
  if (planned.plan.kind === 'add') return addLicenses(deps, actor, first, planned.plan, formKey)
  return changeWithoutCharge(deps, actor, id, total)
}

async function addLicenses(deps: Deps, actor: Actor, l: Loaded, p: Extract<LicensePlan, { kind: 'add' }>, formKey: string): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  if (!l.card || !l.sub.billingProfileId) return refuse('no_payment_method')
  const now = deps.clock.now()
  const chargeKey = `licenses:${l.sub.id}:${formKey}`
  if ((await chargeOutcome(deps.db, chargeKey)) === 'failed') return refuse('processing_error')
  const charged = await deps.gateway.charge({ token: l.card.token, amount: p.quote.total, currency: p.quote.currency, idempotencyKey: chargeKey })
  if (!charged.ok) {
    await recordDecline(deps, { orgId: actor.orgId, subscriptionId: l.sub.id, key: chargeKey, amount: p.quote.total, currency: p.quote.currency, at: now, code: charged.decline })
    await deps.db.transaction((tx) =>
      recordAudit(tx, { orgId: actor.orgId, actorId: actor.id, action: 'subscription.add_licenses_declined', entityType: 'subscription', entityId: l.sub.id, after: { decline: charged.decline, total: p.quote.total, licenses: p.to }, at: now }),
    )
    return refuse(charged.decline)
  }
  const give = { orgId: actor.orgId, subscriptionId: l.sub.id, key: chargeKey, amount: p.quote.total, currency: p.quote.currency, at: now, reference: charged.value.reference }
  let outcome: Outcome<LicensesChanged, ChangeRefusal> | 'refund'
  try {
    outcome = await deps.db.transaction(async (tx): Promise<Outcome<LicensesChanged, ChangeRefusal> | 'refund'> => {
    const locked = await load(tx, actor, l.sub.id, true)
    // A second submit of the same form that lost the race: the first recorded this very charge.
    const [recorded] = await tx.select({ status: payments.status }).from(payments).where(eq(payments.idempotencyKey, chargeKey))
    if (recorded?.status === 'succeeded') return ok({ subscriptionId: l.sub.id, plan: p })
    // Priced on a count that changed meanwhile: the money goes back and the user tries again.
    if (!locked || locked.sub.quantity !== p.from || locked.sub.status !== 'active' || locked.sub.cancelledAt || locked.sub.termEnd.getTime() !== l.sub.termEnd.getTime()) return 'refund'
    const [after] = await tx
      .update(subscriptions)
      .set({ quantity: p.to, pendingQuantity: null, lastQuantityIncreaseAt: now, lastQuantityIncrease: p.added, updatedAt: now })
      .where(eq(subscriptions.id, l.sub.id))
      .returning()
    const invoice = await issueInvoice(tx, {
      orgId: actor.orgId,
      purchaserId: actor.id,
      billingProfileId: l.sub.billingProfileId!,
      subscriptionId: l.sub.id,
      type: 'add_quantity',
      kind: 'invoice',
      issuedAt: now,
      description: l.productName,
      quote: p.quote,
      card: { brand: l.card!.brand, last4: l.card!.last4 },
      payment: { kind: 'charge', reference: charged.value.reference, idempotencyKey: chargeKey },
    })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.licenses_added',
      entityType: 'subscription',
      entityId: l.sub.id,
      before: { quantity: p.from, assigned: locked.assigned, pendingQuantity: locked.sub.pendingQuantity },
      after: { quantity: after!.quantity, assigned: locked.assigned, invoiceId: invoice.id, charged: p.quote.total },
      at: now,
    })
    return ok({ subscriptionId: l.sub.id, plan: p })
    })
  } catch (error) {
    await giveBackUnrecordedCharge(deps, { ...give, error })
    throw error
  }
  if (outcome !== 'refund') return outcome
  await giveBackUnrecordedCharge(deps, { ...give, error: new Error('licence count changed meanwhile') })
  return refuse('changed_meanwhile')
}

/** Removal (now or scheduled) and withdrawal: planned again under the row lock, so the assigned
 *  count it checks is the one that holds when it commits. */
async function changeWithoutCharge(deps: Deps, actor: Actor, id: string, total: number): Promise<Outcome<LicensesChanged, ChangeRefusal>> {
  const now = deps.clock.now()
  const result = await deps.db.transaction(async (tx) => {
    const l = await load(tx, actor, id, true)
    if (!l) return refuse('not_found' as const)
    const planned = plan(l, total, now)
    if (!planned.ok) return refuse(planned.refusal, planned.details as Details | undefined)
    const p = planned.plan
    const before = { quantity: l.sub.quantity, assigned: l.assigned, pendingQuantity: l.sub.pendingQuantity }
    const audit = (action: string, after: object) => recordAudit(tx, { orgId: actor.orgId, actorId: actor.id, action, entityType: 'subscription', entityId: id, before, after, at: now })
    if (p.kind === 'unchanged') return ok({ plan: p, refund: null })
    if (p.kind === 'withdraw' || p.kind === 'schedule') {
      const pendingQuantity = p.kind === 'schedule' ? p.to : null
      await tx.update(subscriptions).set({ pendingQuantity, updatedAt: now }).where(eq(subscriptions.id, id))
      await audit(p.kind === 'schedule' ? 'subscription.licenses_removal_scheduled' : 'subscription.licenses_removal_withdrawn', { ...before, pendingQuantity })
      return ok({ plan: p, refund: null })
    }
    if (p.kind !== 'remove_now') return refuse('changed_meanwhile' as const)
    const left = p.usesAddition ? (l.sub.lastQuantityIncrease ?? 0) - p.removed : l.sub.lastQuantityIncrease
    await tx
      .update(subscriptions)
      .set({ quantity: p.to, pendingQuantity: null, lastQuantityIncrease: left || null, lastQuantityIncreaseAt: left ? l.sub.lastQuantityIncreaseAt : null, updatedAt: now })
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
          payment: null,
        })
      : null
    await audit('subscription.licenses_removed', { quantity: p.to, assigned: l.assigned, creditNoteId: credit?.id ?? null, credited: p.quote.total })
    return ok({ plan: p, refund: credit && l.card ? { creditNoteId: credit.id, amount: p.quote.total, currency: p.quote.currency } : null })
  })
  if (!result.ok) return result
  if (result.value.refund) await refundCredit(deps, actor, id, result.value.refund)
  return ok({ subscriptionId: id, plan: result.value.plan })
}
