import { DAY_MS } from '../../money/proration'
import { quoteRestOfTerm, type Quote } from '../../money/quote'
import { CANCEL_REFUND_WINDOW_DAYS } from '../../rules'
import { cancelRefusal } from './subscription-rules'

export type CancelPlan = { kind: 'immediate'; refund: Quote | null } | { kind: 'at_term_end'; accessUntil: Date }

export type CancellableSubscription = Parameters<typeof cancelRefusal>[0] & {
  quantity: number
  unitPrice: number
  currency: string
  termStart: Date
  termEnd: Date
  trialEndsAt: Date | null
  billingProfileId: string | null
}

/** What cancelling now does (DESIGN §3): within 7 days of the term start, an immediate end with a
 *  prorated refund; later, no renewal and access until the term end. A trial just won't convert. */
export function planCancellation(
  sub: CancellableSubscription,
  country: string | null,
  now: Date,
): { ok: true; plan: CancelPlan } | { ok: false; refusal: 'already_cancelled' | 'not_cancellable' } {
  const refusal = cancelRefusal(sub)
  if (refusal) return { ok: false, refusal }
  if (sub.status === 'trial')
    return { ok: true, plan: { kind: 'at_term_end', accessUntil: sub.trialEndsAt ?? sub.termEnd } }
  if (now.getTime() - sub.termStart.getTime() >= CANCEL_REFUND_WINDOW_DAYS * DAY_MS)
    return { ok: true, plan: { kind: 'at_term_end', accessUntil: sub.termEnd } }
  // NOTE: without a billing profile nothing was ever charged, so there is nothing to credit.
  if (!sub.billingProfileId || !country) return { ok: true, plan: { kind: 'immediate', refund: null } }
  return {
    ok: true,
    plan: { kind: 'immediate', refund: quoteRestOfTerm(sub, { quantity: sub.quantity, country, now }) },
  }
}
