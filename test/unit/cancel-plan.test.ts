import { describe, expect, it } from 'vitest'
import { type CancellableSubscription, planCancellation } from '../../src/services/subscriptions/cancel-plan'

const DAY = 86_400_000
const termStart = new Date('2026-04-01T00:00:00Z')
const at = (days: number) => new Date(termStart.getTime() + days * DAY)
const sub = (over: Partial<CancellableSubscription> = {}): CancellableSubscription => ({
  status: 'active',
  cancelledAt: null,
  quantity: 4,
  unitPrice: 3000,
  currency: 'EUR',
  termStart,
  termEnd: at(30),
  trialEndsAt: null,
  billingProfileId: 'profile',
  ...over,
})

describe('planCancellation', () => {
  it('ends at once within 7 days of the term start, refunding the days left', () => {
    const out = planCancellation(sub(), 'FR', at(3))
    expect(out).toMatchObject({ ok: true, plan: { kind: 'immediate' } })
    const refund = out.ok && out.plan.kind === 'immediate' ? out.plan.refund : null
    // 4 × 3,000 × 27/30 = 10,800, plus 20 % tax.
    expect(refund).toMatchObject({ quantity: 4, subtotal: 10_800, tax: 2160, total: 12_960, periodEnd: at(30) })
  })

  it('credits nothing when the subscription was never billed', () => {
    expect(planCancellation(sub({ billingProfileId: null }), null, at(3))).toEqual({
      ok: true,
      plan: { kind: 'immediate', refund: null },
    })
  })

  it('keeps access to the term end from the seventh day on', () => {
    expect(planCancellation(sub(), 'FR', at(7))).toEqual({
      ok: true,
      plan: { kind: 'at_term_end', accessUntil: at(30) },
    })
  })

  it('lets a trial run to its end without converting', () => {
    expect(planCancellation(sub({ status: 'trial', trialEndsAt: at(30) }), null, at(1))).toEqual({
      ok: true,
      plan: { kind: 'at_term_end', accessUntil: at(30) },
    })
  })

  it('refuses a cancelled subscription and one that is not active', () => {
    expect(planCancellation(sub({ cancelledAt: at(1) }), 'FR', at(2))).toEqual({
      ok: false,
      refusal: 'already_cancelled',
    })
    expect(planCancellation(sub({ status: 'expired' }), 'FR', at(2))).toEqual({
      ok: false,
      refusal: 'not_cancellable',
    })
  })
})
