import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import { cancellationReason, MAX_FEEDBACK_LENGTH } from '../../db/schema/subscriptions'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { issueInvoice } from '../invoices/issue-invoice'
import { ok, refuse, type Outcome } from '../outcome'
import { refundCredit } from '../invoices/refund-credit'
import { planCancellation, type CancelPlan } from './cancel-plan'
import { loadOwnSubscription } from './load-own-subscription'

export const CANCELLATION_REASONS = cancellationReason.enumValues
export type CancellationReason = (typeof CANCELLATION_REASONS)[number]
export type { CancelPlan }

export type CancelRefusal =
  | 'not_found'
  | 'already_cancelled'
  | 'not_cancellable'
  | 'reason_required'
  | 'feedback_too_long'

/** What "Cancel subscription" would do now, for the pane's plain statement.
 *  Refuses not_found, already_cancelled, not_cancellable. */
export async function previewCancellation(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<CancelPlan, 'not_found' | 'already_cancelled' | 'not_cancellable'>> {
  const row = await loadOwnSubscription(deps.db, actor, id, { lock: false })
  if (!row) return refuse('not_found')
  const p = planCancellation(row.sub, row.profile?.country ?? null, deps.clock.now())
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
  const used = [...feedback].length
  if (used > MAX_FEEDBACK_LENGTH) return refuse('feedback_too_long', { max: MAX_FEEDBACK_LENGTH, used })
  const now = deps.clock.now()
  const result = await deps.db.transaction(async (tx) => {
    const row = await loadOwnSubscription(tx, actor, id, { lock: true })
    if (!row) return refuse('not_found' as const)
    const planned = planCancellation(row.sub, row.profile?.country ?? null, now)
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
            description: row.product.nameEn,
            quote: plan.refund,
            card: row.card ? { brand: row.card.brand, last4: row.card.last4 } : null,
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
