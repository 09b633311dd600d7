import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { invoices, notifications, payments, subscriptions } from '../../../src/db/schema/index'
import { changeLicenses } from '../../../src/services/subscriptions/change-licenses'
import {
  actorOf,
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

describe.each(DATABASE_KINDS)('buying and removing licences on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-16T00:00:00Z')
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db, { maxQuantity: 500 })
  })
  afterAll(() => database.close())

  async function owned(over: object) {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const card = await aCardOnFile(database.db, buyer)
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: buyer.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
      ...over,
    })
    return { buyer, actor: actorOf(buyer), sub }
  }
  const billsOf = (id: string) => database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))
  const reload = async (id: string) =>
    (await database.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!

  it('charges 5 added licences halfway through a monthly term, prorated by day, to the cent', async () => {
    clock.set('2026-11-16T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 100, unitPrice: 1000 })
    const out = await changeLicenses(deps, actor, sub.id, 105, 'form-1')
    expect(out.ok && out.value.plan.kind).toBe('add')
    expect((await reload(sub.id)).quantity).toBe(105)
    // 5 × €10.00 × 15/30 days = €25.00; 20 % VAT €5.00
    expect((await billsOf(sub.id)).map((i) => [i.type, i.subtotal, i.tax, i.total])).toEqual([
      ['add_quantity', 2500, 500, 3000],
    ])
    // Every invoice tells the purchaser in the app (DESIGN §9).
    const told = await database.db.select().from(notifications).where(eq(notifications.subscriptionId, sub.id))
    expect(told.map((n) => n.kind)).toEqual(['invoice_issued'])
    // The same form again changes nothing and charges nothing more.
    const charges = deps.gateway.charges.length
    expect((await changeLicenses(deps, actor, sub.id, 105, 'form-1')).ok).toBe(true)
    expect(deps.gateway.charges.length).toBe(charges)
  })

  it('charges 5 added licences halfway through an annual term', async () => {
    clock.set('2026-07-02T12:00:00Z')
    const { actor, sub } = await owned({
      quantity: 100,
      unitPrice: 10000,
      billingFrequency: 'annual',
      at: new Date('2026-01-01T00:00:00Z'),
    })
    await changeLicenses(deps, actor, sub.id, 105, 'form-2')
    // 5 × €100.00 × 183/365 days = €250.68 (250.684…); VAT €50.14
    expect((await billsOf(sub.id)).map((i) => [i.subtotal, i.tax, i.total])).toEqual([[25068, 5014, 30082]])
  })

  it('removes at once with a prorated credit note on day 3, and refunds it', async () => {
    clock.set('2026-11-04T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 10, unitPrice: 1000 })
    await deps.db.insert(payments).values({
      orgId: w.org.id,
      subscriptionId: sub.id,
      kind: 'charge',
      status: 'succeeded',
      amount: 12000,
      currency: 'EUR',
      idempotencyKey: `seed:${sub.id}`,
      gatewayReference: 'ch_seed',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    })
    const out = await changeLicenses(deps, actor, sub.id, 8, 'form-3')
    expect(out.ok && out.value.plan.kind).toBe('remove_now')
    expect(await reload(sub.id)).toMatchObject({ quantity: 8, pendingQuantity: null })
    // 2 × €10.00 × 27/30 days = €18.00; VAT €3.60
    expect((await billsOf(sub.id)).map((i) => [i.kind, i.type, i.subtotal, i.tax, i.total, i.status])).toEqual([
      ['credit_note', 'remove_quantity', 1800, 360, 2160, 'credited'],
    ])
    expect(deps.gateway.refunds.at(-1)).toMatchObject({ chargeReference: 'ch_seed', amount: 2160 })
    expect(
      (await database.db.select().from(notifications).where(eq(notifications.subscriptionId, sub.id))).map(
        (n) => n.kind,
      ),
    ).toEqual(['invoice_issued'])
  })

  it('schedules a removal on day 10 for the renewal date, shows it pending, and can withdraw it', async () => {
    clock.set('2026-11-11T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 10 })
    const out = await changeLicenses(deps, actor, sub.id, 6, 'form-4')
    expect(out.ok && out.value.plan).toMatchObject({
      kind: 'schedule',
      to: 6,
      effective: new Date('2026-12-01T00:00:00Z'),
    })
    expect(await reload(sub.id)).toMatchObject({ quantity: 10, pendingQuantity: 6 })
    expect(await billsOf(sub.id)).toEqual([])
    const withdrawn = await changeLicenses(deps, actor, sub.id, 10, 'form-5')
    expect(withdrawn.ok && withdrawn.value.plan.kind).toBe('withdraw')
    expect((await reload(sub.id)).pendingQuantity).toBeNull()
  })

  it('allows an immediate removal within 7 days of an addition only for the licences it added', async () => {
    clock.set('2026-11-16T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 10 })
    await changeLicenses(deps, actor, sub.id, 12, 'add')
    clock.set('2026-11-18T00:00:00Z')
    const tooMany = await changeLicenses(deps, actor, sub.id, 9, 'remove-3')
    expect(tooMany.ok && tooMany.value.plan.kind).toBe('schedule')
    await changeLicenses(deps, actor, sub.id, 12, 'withdraw')
    const some = await changeLicenses(deps, actor, sub.id, 11, 'remove-1')
    expect(some.ok && some.value.plan.kind).toBe('remove_now')
  })

  it('refuses a total below the assigned count, saying how many to unassign, and out-of-range totals', async () => {
    clock.set('2026-11-16T00:00:00Z')
    const people = await Promise.all([1, 2, 3].map(() => aUser(database.db, w.org.id)))
    const { actor, sub } = await owned({ quantity: 5, assignedUserIds: people.map((p) => p.id) })
    expect(await changeLicenses(deps, actor, sub.id, 1, 'x')).toEqual({
      ok: false,
      refusal: 'below_assigned',
      details: { assigned: 3, unassign: 2 },
    })
    for (const total of [0, -1, 501, 10_001, 1.5])
      expect(await changeLicenses(deps, actor, sub.id, total, 'x')).toEqual({
        ok: false,
        refusal: 'out_of_range',
        details: { max: 500 },
      })
  })

  it('refuses changes during a trial and on cancelled, expired or disabled subscriptions', async () => {
    const trial = await owned({
      status: 'trial',
      startedAsTrial: true,
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
      quantity: 25,
    })
    expect(await changeLicenses(deps, trial.actor, trial.sub.id, 30, 'x')).toEqual({ ok: false, refusal: 'trial' })
    const cancelled = await owned({ cancelledAt: new Date('2026-11-10T00:00:00Z'), autoRenew: false })
    expect(await changeLicenses(deps, cancelled.actor, cancelled.sub.id, 12, 'x')).toEqual({
      ok: false,
      refusal: 'cancelled',
    })
    for (const status of ['expired', 'disabled'] as const) {
      const s = await owned({ status })
      expect(await changeLicenses(deps, s.actor, s.sub.id, 12, 'x')).toEqual({ ok: false, refusal: 'not_changeable' })
    }
    const other = actorOf(await aUser(database.db, (await anOrganization(database.db)).id))
    expect(await changeLicenses(deps, other, trial.sub.id, 12, 'x')).toEqual({ ok: false, refusal: 'not_found' })
  })

  it('adds nothing when the card is declined', async () => {
    clock.set('2026-11-16T00:00:00Z')
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const card = await aCardOnFile(database.db, buyer, 'tok_sb_card_declined_0123456789abcdef0123456789abcdef')
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: buyer.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
      quantity: 10,
    })
    expect(await changeLicenses(deps, actorOf(buyer), sub.id, 15, 'x')).toEqual({ ok: false, refusal: 'card_declined' })
    expect((await reload(sub.id)).quantity).toBe(10)
  })

  it('uses up the addition window: the licences an addition brought can be credited once', async () => {
    clock.set('2026-11-15T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 100 })
    await changeLicenses(deps, actor, sub.id, 105, 'add-5')
    clock.set('2026-11-16T00:00:00Z')
    const first = await changeLicenses(deps, actor, sub.id, 100, 'back-to-100')
    expect(first.ok && first.value.plan.kind).toBe('remove_now')
    clock.set('2026-11-17T00:00:00Z')
    const second = await changeLicenses(deps, actor, sub.id, 95, 'below-100')
    expect(second.ok && second.value.plan.kind).toBe('schedule')
  })

  it('refuses to schedule a removal when recurring billing is off', async () => {
    clock.set('2026-11-20T00:00:00Z')
    const { actor, sub } = await owned({ quantity: 10, autoRenew: false })
    expect(await changeLicenses(deps, actor, sub.id, 8, 'x')).toEqual({ ok: false, refusal: 'no_renewal' })
  })

  it('spreads a refund bigger than the last charge over earlier charges', async () => {
    clock.set('2026-11-01T12:00:00Z')
    const { actor, sub } = await owned({ quantity: 10, unitPrice: 1000 })
    await deps.db.insert(payments).values({
      orgId: w.org.id,
      subscriptionId: sub.id,
      kind: 'charge',
      status: 'succeeded',
      amount: 12000,
      currency: 'EUR',
      idempotencyKey: `seed2:${sub.id}`,
      gatewayReference: 'ch_first',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    })
    await changeLicenses(deps, actor, sub.id, 11, 'add-1')
    clock.set('2026-11-02T00:00:00Z')
    await changeLicenses(deps, actor, sub.id, 5, 'remove-6')
    const [credit] = (await billsOf(sub.id)).filter((i) => i.kind === 'credit_note')
    const refunds = deps.gateway.refunds.filter((r) => r.idempotencyKey.includes(credit!.id))
    const lastCharge = deps.gateway.charges.filter((c) => c.idempotencyKey.includes(sub.id)).at(-1)!
    expect(refunds.filter((r) => r.chargeReference === lastCharge.reference).reduce((n, r) => n + r.amount, 0)).toBe(
      lastCharge.amount,
    )
    expect(refunds.find((r) => r.chargeReference === 'ch_first')).toBeDefined()
    expect(refunds.reduce((n, r) => n + r.amount, 0)).toBe(credit!.total)
  })
})
