import { describe, expect, it } from 'vitest'
import { type ChangeableSubscription, planLicenseChange } from '../../src/services/subscriptions/license-change-plan'

const DAY = 86_400_000
const termStart = new Date('2026-04-01T00:00:00Z')
const at = (days: number) => new Date(termStart.getTime() + days * DAY)
const sub = (over: Partial<ChangeableSubscription> = {}): ChangeableSubscription => ({
  status: 'active',
  quantity: 10,
  unitPrice: 3000,
  currency: 'EUR',
  termStart,
  termEnd: at(30),
  cancelledAt: null,
  autoRenew: true,
  pendingQuantity: null,
  lastQuantityIncreaseAt: null,
  lastQuantityIncrease: null,
  ...over,
})
const plan = (s: ChangeableSubscription, total: number, now: Date, assigned = 0) =>
  planLicenseChange(s, { total, assigned, productMax: 500, country: 'US', now })

describe('planLicenseChange', () => {
  it('charges added licences for the days left in the term', () => {
    const out = plan(sub(), 15, at(15))
    expect(out).toMatchObject({ ok: true, plan: { kind: 'add', from: 10, to: 15, added: 5 } })
    expect(out.ok && out.plan.kind === 'add' && out.plan.quote.total).toBe(7500) // 5 × 3,000 × 15/30
  })

  it('removes at once with a prorated credit within 7 days of the term start', () => {
    const out = plan(sub(), 8, at(6))
    expect(out).toMatchObject({ ok: true, plan: { kind: 'remove_now', removed: 2, usesAddition: false } })
    expect(out.ok && out.plan.kind === 'remove_now' && out.plan.quote.total).toBe(4800) // 2 × 3,000 × 24/30
  })

  it('schedules a removal for the renewal after the window', () => {
    expect(plan(sub(), 8, at(7))).toEqual({
      ok: true,
      plan: { kind: 'schedule', from: 10, to: 8, removed: 2, effective: at(30) },
    })
  })

  it('removes at once within 7 days of an addition, for up to the licences it added', () => {
    const added = sub({ lastQuantityIncreaseAt: at(10), lastQuantityIncrease: 3 })
    expect(plan(added, 7, at(12))).toMatchObject({ ok: true, plan: { kind: 'remove_now', usesAddition: true } })
    expect(plan(added, 6, at(12))).toMatchObject({ ok: true, plan: { kind: 'schedule' } })
  })

  it('withdraws a pending removal when the same total is asked again', () => {
    expect(plan(sub({ pendingQuantity: 8 }), 10, at(20))).toEqual({
      ok: true,
      plan: { kind: 'withdraw', from: 10, pending: 8 },
    })
    expect(plan(sub(), 10, at(20))).toEqual({ ok: true, plan: { kind: 'unchanged', from: 10 } })
  })

  it('refuses below the assigned count, out of range, and without a renewal to schedule at', () => {
    expect(plan(sub(), 4, at(20), 6)).toEqual({
      ok: false,
      refusal: 'below_assigned',
      details: { assigned: 6, unassign: 2 },
    })
    expect(plan(sub(), 501, at(20))).toEqual({ ok: false, refusal: 'out_of_range', details: { max: 500 } })
    expect(plan(sub(), 0, at(20))).toMatchObject({ ok: false, refusal: 'out_of_range' })
    expect(plan(sub({ autoRenew: false }), 8, at(20))).toEqual({ ok: false, refusal: 'no_renewal' })
  })

  it('refuses a trial, a subscription that is not active, a cancelled one, and one whose renewal is due', () => {
    expect(plan(sub({ status: 'trial' }), 12, at(1))).toEqual({ ok: false, refusal: 'trial' })
    expect(plan(sub({ status: 'expired' }), 12, at(1))).toEqual({ ok: false, refusal: 'not_changeable' })
    expect(plan(sub({ cancelledAt: at(1) }), 12, at(2))).toEqual({ ok: false, refusal: 'cancelled' })
    expect(plan(sub(), 12, at(30))).toEqual({ ok: false, refusal: 'renewal_due' })
  })
})
