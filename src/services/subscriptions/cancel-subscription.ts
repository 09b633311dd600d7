import { and, eq } from 'drizzle-orm'
import { billingProfiles, paymentMethods, products, subscriptions } from '../../db/schema/index'
import { cancellationReason, MAX_FEEDBACK_LENGTH } from '../../db/schema/subscriptions'
import { DAY_MS, daysBetween, prorate } from '../../money/proration'
import { lineAmount } from '../../money/money'
import { taxOn, taxRateFor } from '../../money/tax'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { issueInvoice } from '../invoices/issue-invoice'
import { ok, refuse, type Outcome } from '../outcome'
import type { Quote } from '../purchase/quote'
import { refundCredit } from '../invoices/refund-credit'

export const CANCEL_REFUND_WINDOW_DAYS = 7 // §3
export const CANCELLATION_REASONS = cancellationReason.enumValues
export type CancellationReason = (typeof CANCELLATION_REASONS)[number]

export type CancelPlan = { kind: 'immediate'; refund: Quote | null } | { kind: 'at_term_end'; accessUntil: Date }
export type CancelRefusal =
  | 'not_found'
  | 'already_cancelled'
  | 'not_cancellable'
  | 'reason_required'
  | 'feedback_too_long'

type Sub = typeof subscriptions.$inferSelect

/** What cancelling now does (DESIGN §3): within 7 days of the term start, an immediate end with a
 *  prorated refund; later, no renewal and access until the term end. A trial just won't convert. */
export function planCancellation(
  sub: Sub,
  country: string | null,
  now: Date,
): { ok: true; plan: CancelPlan } | { ok: false; refusal: 'already_cancelled' | 'not_cancellable' } {
  if (sub.cancelledAt) return { ok: false, refusal: 'already_cancelled' }
  if (sub.status === 'trial')
    return { ok: true, plan: { kind: 'at_term_end', accessUntil: sub.trialEndsAt ?? sub.termEnd } }
  if (sub.status !== 'active') return { ok: false, refusal: 'not_cancellable' }
  if (now.getTime() - sub.termStart.getTime() >= CANCEL_REFUND_WINDOW_DAYS * DAY_MS)
    return { ok: true, plan: { kind: 'at_term_end', accessUntil: sub.termEnd } }
  if (!sub.billingProfileId || !country) return { ok: true, plan: { kind: 'immediate', refund: null } }
  const termDays = daysBetween(sub.termStart, sub.termEnd)
  const subtotal = prorate(
    lineAmount(sub.unitPrice, sub.quantity),
    Math.min(termDays, daysBetween(now, sub.termEnd)),
    termDays,
  )
  const taxRateBp = taxRateFor(country)
  const tax = taxOn(subtotal, taxRateBp)
  return {
    ok: true,
    plan: {
      kind: 'immediate',
      refund: {
        unitPrice: sub.unitPrice,
        quantity: sub.quantity,
        currency: sub.currency,
        subtotal,
        taxRateBp,
        tax,
        total: subtotal + tax,
        periodStart: now,
        periodEnd: sub.termEnd,
      },
    },
  }
}

async function load(db: Deps['db'], actor: Actor, id: string, lock: boolean) {
  const q = db
    .select({
      sub: subscriptions,
      country: billingProfiles.country,
      productName: products.nameEn,
      card: paymentMethods,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
  const [row] = lock ? await q.for('update', { of: subscriptions }) : await q
  return row && row.sub.status !== 'deleted' ? row : null
}

/** What "Cancel subscription" would do now, for the pane's plain statement.
 *  Refuses not_found, already_cancelled, not_cancellable. */
export async function previewCancellation(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<CancelPlan, 'not_found' | 'already_cancelled' | 'not_cancellable'>> {
  const row = await load(deps.db, actor, id, false)
  if (!row) return refuse('not_found')
  const p = planCancellation(row.sub, row.country, deps.clock.now())
  return p.ok ? ok(p.plan) : refuse(p.refusal)
}

/**
 * Cancels the purchaser's subscription with a reason and optional feedback (≤ 5,000 characters).
 * Immediate with a prorated refund (credit note *Cancel*, status disabled) within the window, else
 * auto-renew off and access to the term end; a pending licence reduction is dropped. Refuses
 * not_found, already_cancelled, not_cancellable, reason_required, feedback_too_long.
 */
export async function cancelSubscription(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { reason: string; feedback: string },
): Promise<Outcome<CancelPlan, CancelRefusal>> {
  if (!(CANCELLATION_REASONS as readonly string[]).includes(input.reason)) return refuse('reason_required')
  const feedback = input.feedback.trim()
  if ([...feedback].length > MAX_FEEDBACK_LENGTH) return refuse('feedback_too_long', { max: MAX_FEEDBACK_LENGTH })
  const now = deps.clock.now()
  const result = await deps.db.transaction(async (tx) => {
    const row = await load(tx, actor, id, true)
    if (!row) return refuse('not_found' as const)
    const planned = planCancellation(row.sub, row.country, now)
    if (!planned.ok) return refuse(planned.refusal)
    const plan = planned.plan
    const common = {
      cancellationReason: input.reason as CancellationReason,
      cancellationFeedback: feedback || null,
      cancelledAt: now,
      autoRenew: false,
      pendingQuantity: null,
      updatedAt: now,
    }
    const [after] = await tx
      .update(subscriptions)
      .set(
        plan.kind === 'immediate'
          ? {
              ...common,
              status: 'disabled',
              statusChangedAt: now,
              termEnd: now > row.sub.termStart ? now : row.sub.termEnd,
            }
          : common,
      )
      .where(eq(subscriptions.id, id))
      .returning()
    const credit =
      plan.kind === 'immediate' && plan.refund && row.sub.billingProfileId
        ? await issueInvoice(tx, {
            orgId: actor.orgId,
            purchaserId: actor.id,
            billingProfileId: row.sub.billingProfileId,
            subscriptionId: id,
            type: 'cancel',
            kind: 'credit_note',
            issuedAt: now,
            description: row.productName,
            quote: plan.refund,
            card: row.card ? { brand: row.card.brand, last4: row.card.last4 } : null,
            payment: null,
          })
        : null
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.cancelled',
      entityType: 'subscription',
      entityId: id,
      before: row.sub,
      after: { ...after, creditNoteId: credit?.id ?? null },
      at: now,
    })
    return ok({
      plan,
      credit:
        credit && plan.kind === 'immediate' && plan.refund
          ? { creditNoteId: credit.id, amount: plan.refund.total, currency: plan.refund.currency }
          : null,
    })
  })
  if (!result.ok) return result
  // The refund goes through the gateway after the commit; the credit note stands either way.
  if (result.value.credit) await refundCredit(deps, actor, id, result.value.credit)
  return ok(result.value.plan)
}
