import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { invoices, licenseAssignments, notifications, payments, subscriptions } from '../../../src/db/schema/index'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import { purchaseSubscription } from '../../../src/services/purchase/purchase-subscription'
import { startTrial } from '../../../src/services/purchase/start-trial'
import { cancelSubscription } from '../../../src/services/subscriptions/cancel-subscription'
import { reactivateSubscription } from '../../../src/services/subscriptions/reactivate-subscription'
import { actorOf, aBillingProfile, aCardOnFile, anOrganization, aProduct, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const DECLINING = 'tok_sb_card_declined_00000000000000000000000000000001'

describe.each(DATABASE_KINDS)('a year of one subscription on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-01-10T09:00:00Z')
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    clock.set('2026-01-10T09:00:00Z')
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db, {
      code: 'PLAN',
      monthlyPrice: 1000,
      annualPrice: 10000,
      trialOffer: 'with_payment_method',
    })
    w.free = await aProduct(database.db, { code: 'FREE-TRIAL', trialOffer: 'without_payment_method' })
  })
  afterAll(() => database.close())

  async function buyer() {
    const user = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, user)
    const card = await aCardOnFile(database.db, user)
    return { user, actor: actorOf(user), profile, card }
  }
  const subOf = async (id: string) =>
    (await database.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!
  const billsOf = (id: string) =>
    database.db.select().from(invoices).where(eq(invoices.subscriptionId, id)).orderBy(invoices.number)
  const at = (iso: string) => clock.set(iso)
  // The job works on the whole database, where the other tests leave subscriptions of their own
  // at other dates: each test checks what the job did to its own subscriptions, not the job's
  // totals, so that it passes whatever ran before it.
  const noticesOf = async (id: string, kind: 'renewal_failed' | 'trial_ending') =>
    (
      await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.subscriptionId, id), eq(notifications.kind, kind)))
    ).length
  async function buy(b: Awaited<ReturnType<typeof buyer>>, quantity = 5) {
    const out = await purchaseSubscription(deps, b.actor, {
      productCode: 'PLAN',
      quantity,
      frequency: 'monthly',
      billingProfileId: b.profile.id,
      payment: { kind: 'saved', paymentMethodId: b.card.id },
      idempotencyKey: randomUUID(),
    })
    if (!out.ok) throw new Error(out.refusal)
    return out.value.subscriptionId
  }

  it('renews monthly, expires on a declined renewal, and comes back when reactivated with a new card', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const id = await buy(b)
    for (const [month, end] of [
      ['2026-02-10T10:00:00Z', '2026-03-10T09:00:00.000Z'],
      ['2026-03-10T10:00:00Z', '2026-04-10T09:00:00.000Z'],
      ['2026-04-10T10:00:00Z', '2026-05-10T09:00:00.000Z'],
    ] as const) {
      at(month)
      await runLifecycle(deps)
      expect((await subOf(id)).termEnd.toISOString()).toBe(end)
    }
    // 5 × €10.00 + 20 % = €60.00 each month; numbers follow each other
    const bills = await billsOf(id)
    expect(bills.map((i) => [i.type, i.total, i.periodStart.toISOString().slice(0, 10)])).toEqual([
      ['purchase', 6000, '2026-01-10'],
      ['renew', 6000, '2026-02-10'],
      ['renew', 6000, '2026-03-10'],
      ['renew', 6000, '2026-04-10'],
    ])
    expect(bills.map((i) => i.number)).toEqual([1, 2, 3, 4])
    // Running the job again in the same term does nothing.
    await runLifecycle(deps)
    expect(await billsOf(id)).toHaveLength(4)

    // The card starts declining: the next renewal fails, the subscription expires, the buyer is told.
    const bad = await aCardOnFile(database.db, b.user, DECLINING)
    await database.db.update(subscriptions).set({ paymentMethodId: bad.id }).where(eq(subscriptions.id, id))
    at('2026-05-10T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(id)).toMatchObject({ status: 'expired', statusChangedAt: new Date('2026-05-10T09:00:00Z') })
    expect(await noticesOf(id, 'renewal_failed')).toBe(1)
    expect(await reactivateSubscription(deps, b.actor, id)).toEqual({ ok: false, refusal: 'card_declined' })

    // Card replaced, then reactivated: a new term from today.
    at('2026-05-12T08:00:00Z')
    await database.db.update(subscriptions).set({ paymentMethodId: b.card.id }).where(eq(subscriptions.id, id))
    expect((await reactivateSubscription(deps, b.actor, id)).ok).toBe(true)
    expect(await subOf(id)).toMatchObject({
      status: 'active',
      termStart: new Date('2026-05-12T08:00:00Z'),
      termEnd: new Date('2026-06-12T08:00:00Z'),
      autoRenew: true,
    })
    expect((await billsOf(id)).at(-1)).toMatchObject({ type: 'reactivate', total: 6000 })

    // The job catches up term by term when it has not run for months.
    at('2026-09-13T00:00:00Z')
    await runLifecycle(deps)
    expect((await billsOf(id)).slice(-5).map((i) => [i.type, i.periodStart.toISOString().slice(0, 10)])).toEqual([
      ['reactivate', '2026-05-12'],
      ['renew', '2026-06-12'],
      ['renew', '2026-07-12'],
      ['renew', '2026-08-12'],
      ['renew', '2026-09-12'],
    ])
    expect((await subOf(id)).termEnd.toISOString()).toBe('2026-10-12T08:00:00.000Z')
  })

  it('applies a scheduled reduction at renewal', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const id = await buy(b, 10)
    await database.db.update(subscriptions).set({ pendingQuantity: 6 }).where(eq(subscriptions.id, id))
    at('2026-02-10T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(id)).toMatchObject({ quantity: 6, pendingQuantity: null })
    expect((await billsOf(id)).at(-1)).toMatchObject({ type: 'renew', subtotal: 6000 })
  })

  it('cancels on day 3 with a prorated refund and status disabled', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const id = await buy(b)
    at('2026-01-13T09:00:00Z')
    const out = await cancelSubscription(deps, b.actor, id, { reason: 'too_expensive', feedback: 'Too dear for us.' })
    expect(out.ok && out.value.kind).toBe('immediate')
    expect(await subOf(id)).toMatchObject({
      status: 'disabled',
      autoRenew: false,
      cancellationReason: 'too_expensive',
      cancellationFeedback: 'Too dear for us.',
    })
    // 5 × €10.00 × 28/31 days = €45.16; VAT €9.03; €54.19 back to the card
    const credit = (await billsOf(id)).at(-1)!
    expect(credit).toMatchObject({
      kind: 'credit_note',
      type: 'cancel',
      subtotal: 4516,
      tax: 903,
      total: 5419,
      status: 'credited',
    })
    expect(deps.gateway.refunds.at(-1)).toMatchObject({ amount: 5419 })
    const [refund] = await database.db.select().from(payments).where(eq(payments.invoiceId, credit.id))
    expect(refund).toMatchObject({ kind: 'refund', status: 'succeeded', amount: 5419 })
    expect(await cancelSubscription(deps, b.actor, id, { reason: 'other', feedback: '' })).toEqual({
      ok: false,
      refusal: 'already_cancelled',
    })
  })

  it('cancels on day 20: access to the term end, no renewal, then expired, disabled, deleted', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const id = await buy(b)
    const colleague = await aUser(database.db, w.org.id)
    await database.db
      .insert(licenseAssignments)
      .values({ orgId: w.org.id, subscriptionId: id, userId: colleague.id, assignedAt: clock.now() })
    at('2026-01-30T09:00:00Z')
    const out = await cancelSubscription(deps, b.actor, id, { reason: 'not_used_enough', feedback: '' })
    expect(out.ok && out.value).toEqual({ kind: 'at_term_end', accessUntil: new Date('2026-02-10T09:00:00Z') })
    expect(await subOf(id)).toMatchObject({ status: 'active', autoRenew: false })
    at('2026-02-10T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(id)).toMatchObject({ status: 'expired', statusChangedAt: new Date('2026-02-10T09:00:00Z') })
    expect((await billsOf(id)).map((i) => i.type)).toEqual(['purchase'])
    at('2026-03-12T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(id)).toMatchObject({ status: 'disabled', statusChangedAt: new Date('2026-03-12T09:00:00Z') })
    at('2026-06-10T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(id)).toMatchObject({ status: 'deleted', statusChangedAt: new Date('2026-06-10T09:00:00Z') })
    expect(
      await database.db.select().from(licenseAssignments).where(eq(licenseAssignments.subscriptionId, id)),
    ).toEqual([])
  })

  it('converts a trial with a card at its end, and expires a card-less one', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const withCard = await startTrial(deps, b.actor, {
      productCode: 'PLAN',
      idempotencyKey: randomUUID(),
      billing: {
        billingProfileId: b.profile.id,
        frequency: 'monthly',
        payment: { kind: 'saved', paymentMethodId: b.card.id },
      },
    })
    const without = await startTrial(deps, b.actor, { productCode: 'FREE-TRIAL', idempotencyKey: randomUUID() })
    const [a, c] = [withCard, without].map((o) => (o.ok ? o.value.subscriptionId : ''))
    at('2026-02-03T10:00:00Z')
    await runLifecycle(deps)
    await runLifecycle(deps) // one reminder each, however often the job runs
    expect([await noticesOf(a!, 'trial_ending'), await noticesOf(c!, 'trial_ending')]).toEqual([1, 1])
    at('2026-02-09T10:00:00Z')
    await runLifecycle(deps)
    expect(await subOf(a!)).toMatchObject({
      status: 'active',
      termStart: new Date('2026-02-09T09:00:00Z'),
      termEnd: new Date('2026-03-09T09:00:00Z'),
    })
    expect((await billsOf(a!)).map((i) => [i.type, i.total])).toEqual([['convert', 30000]]) // 25 × €10.00 + 20 %
    expect(await subOf(c!)).toMatchObject({ status: 'expired', statusChangedAt: new Date('2026-02-09T09:00:00Z') })
  })

  it('reactivates at the scheduled count, and can reactivate again after a later expiry', async () => {
    at('2026-01-10T09:00:00Z')
    const b = await buyer()
    const id = await buy(b, 10)
    await database.db
      .update(subscriptions)
      .set({
        status: 'expired',
        statusChangedAt: new Date('2026-02-10T09:00:00Z'),
        pendingQuantity: 6,
        termEnd: new Date('2026-02-10T09:00:00Z'),
      })
      .where(eq(subscriptions.id, id))
    at('2026-02-12T09:00:00Z')
    expect((await reactivateSubscription(deps, b.actor, id)).ok).toBe(true)
    expect(await subOf(id)).toMatchObject({ status: 'active', quantity: 6, pendingQuantity: null })
    expect((await billsOf(id)).at(-1)).toMatchObject({ type: 'reactivate', subtotal: 6000 })
    await database.db
      .update(subscriptions)
      .set({ status: 'expired', statusChangedAt: new Date('2026-03-12T09:00:00Z') })
      .where(eq(subscriptions.id, id))
    at('2026-03-20T09:00:00Z')
    expect((await reactivateSubscription(deps, b.actor, id)).ok).toBe(true)
    expect((await billsOf(id)).filter((i) => i.type === 'reactivate')).toHaveLength(2)
  })
})
