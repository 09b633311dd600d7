import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { ownProfile } from '../billing/own-profile'
import { quoteTerm } from '../../money/quote'
import { chargeTerm, firstPaidTermKey } from './charge-term'
import { loadOwnSubscription } from './load-own-subscription'

/** The first paid term of a trial: its licences at the price fixed when it started. */
export function conversionQuote(
  sub: { unitPrice: number; currency: string; billingFrequency: 'monthly' | 'annual'; quantity: number },
  country: string,
  now: Date,
) {
  return quoteTerm(
    { monthlyPrice: sub.unitPrice, annualPrice: sub.unitPrice, currency: sub.currency },
    { frequency: sub.billingFrequency, quantity: sub.quantity, country, start: now },
  )
}

export type ConvertRefusal = 'not_found' | 'not_a_trial' | 'cancelled' | 'no_payment_method' | DeclineReason

/**
 * "Start paid subscription now": charges the first paid term of a trial with a payment method at
 * the trial's licence count and price, issues a *Convert* invoice, and makes it active. The
 * charge's key is the subscription's, so two clicks charge once. Refuses not_found, not_a_trial,
 * no_payment_method and the gateway's declines (the trial then stays as it was).
 */
export async function convertTrial(
  deps: Deps,
  actor: Actor,
  subscriptionId: string,
): Promise<Outcome<{ subscriptionId: string; invoiceId: string | null }, ConvertRefusal>> {
  const row = await loadOwnSubscription(deps.db, actor, subscriptionId, { lock: false })
  if (!row) return refuse('not_found')
  const { sub, card } = row
  if (sub.status !== 'trial')
    return sub.startedAsTrial && sub.status === 'active'
      ? ok({ subscriptionId, invoiceId: null })
      : refuse('not_a_trial')
  // A cancelled trial ends at its end date: it does not become paid, now or later.
  if (sub.cancelledAt) return refuse('cancelled')
  if (!card || !sub.billingProfileId) return refuse('no_payment_method')
  if (!(await ownProfile(deps, actor, sub.billingProfileId))) return refuse('no_payment_method')

  const now = deps.clock.now()
  const charged = await chargeTerm(deps, sub, {
    // One key per attempt, shared with the job's conversion at the trial's end: two clicks of one
    // attempt, or a click racing the job, are one charge; after a decline the next click is new.
    keyPrefix: firstPaidTermKey(sub.id),
    type: 'convert',
    quantity: sub.quantity,
    start: now,
    unchanged: (l) => l.status === 'trial' && !l.cancelledAt,
    apply: async (tx, locked, term) => {
      const [after] = await tx
        .update(subscriptions)
        .set({
          status: 'active',
          termStart: term.termStart,
          termEnd: term.termEnd,
          autoRenew: true,
          statusChangedAt: now,
          updatedAt: now,
        })
        .where(eq(subscriptions.id, sub.id))
        .returning()
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'subscription.converted',
        entityType: 'subscription',
        entityId: sub.id,
        before: locked,
        after: { ...after, chargeReference: term.chargeReference },
        at: now,
      })
    },
  })
  if (charged.ok) return ok({ subscriptionId, invoiceId: charged.term.invoiceId })
  // A second click of the same attempt, or the job converting it meanwhile: paid once.
  if (charged.reason === 'replayed') return ok({ subscriptionId, invoiceId: null })
  if (charged.reason === 'no_payment_method') return refuse('no_payment_method')
  // Given back because the trial changed meanwhile: done only if it is now paid.
  if (charged.reason === 'changed_meanwhile') {
    const current = await loadOwnSubscription(deps.db, actor, subscriptionId, { lock: false })
    if (current?.sub.status === 'active') return ok({ subscriptionId, invoiceId: null })
    return refuse(current?.sub.cancelledAt ? 'cancelled' : 'processing_error')
  }
  const refusal =
    charged.reason === 'spent_key' || charged.reason === 'key_reused' ? 'processing_error' : charged.reason
  await recordAudit(deps.db, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'subscription.convert_declined',
    entityType: 'subscription',
    entityId: sub.id,
    after: { decline: refusal },
    at: now,
  })
  return refuse(refusal)
}
