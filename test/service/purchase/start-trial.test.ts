import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, invoices, licenseAssignments, subscriptions } from '../../../src/db/schema/index'
import { startTrial } from '../../../src/services/purchase/start-trial'
import { convertTrial } from '../../../src/services/subscriptions/convert-trial'
import { cancelSubscription } from '../../../src/services/subscriptions/cancel-subscription'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import {
  actorOf,
  aBillingProfile,
  aNewCardPayment,
  aCardOnFile,
  anOrganization,
  aPolicy,
  aProduct,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const clock = fixedClock('2026-11-25T10:00:00Z')
const newCard = (number?: string) => aNewCardPayment(clock.now(), number)

describe.each(DATABASE_KINDS)('trials on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    clock.set('2026-11-25T10:00:00Z')
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    const { db } = database
    w.org = await anOrganization(db)
    w.withCard = await aProduct(db, { code: 'TEAMS', trialOffer: 'with_payment_method', monthlyPrice: 400 })
    w.noCard = await aProduct(db, { code: 'FORMS', trialOffer: 'without_payment_method' })
    w.noTrial = await aProduct(db, { code: 'PLAIN' })
    w.blocked = await aProduct(db, { code: 'BLOCKED', trialOffer: 'without_payment_method' })
    w.trialsOnly = await aProduct(db, { code: 'ONLY', trialOffer: 'with_payment_method' })
    await aPolicy(db, w.org.id, w.blocked.id, 'blocked')
    await aPolicy(db, w.org.id, w.trialsOnly.id, 'trials_only')
  })
  afterAll(() => database.close())
  // Every test starts on 25 November, whatever day the test before it moved the clock to.
  beforeEach(() => clock.set('2026-11-25T10:00:00Z'))

  async function member() {
    const user = await aUser(database.db, w.org.id)
    return { user, actor: actorOf(user), profile: await aBillingProfile(database.db, user) }
  }

  it('starts a 30-day, 25-licence trial without a card and gives the purchaser a licence', async () => {
    const { user, actor } = await member()
    const out = await startTrial(deps, actor, { productCode: 'FORMS', idempotencyKey: randomUUID() })
    expect(out.ok).toBe(true)
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, user.id))
    expect(sub).toMatchObject({
      status: 'trial',
      quantity: 25,
      startedAsTrial: true,
      billingProfileId: null,
      paymentMethodId: null,
      autoRenew: false,
    })
    expect(sub!.trialEndsAt!.toISOString()).toBe('2026-12-25T10:00:00.000Z')
    expect(
      (await database.db.select().from(licenseAssignments).where(eq(licenseAssignments.subscriptionId, sub!.id))).map(
        (a) => a.userId,
      ),
    ).toEqual([user.id])
    expect(
      (await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, sub!.id))).map((a) => a.action),
    ).toEqual(['subscription.trial_started'])
  })

  it('allows one trial per product per user, even racing', async () => {
    const { actor } = await member()
    const both = await Promise.all([
      startTrial(deps, actor, { productCode: 'FORMS', idempotencyKey: randomUUID() }),
      startTrial(deps, actor, { productCode: 'FORMS', idempotencyKey: randomUUID() }),
    ])
    expect(both.map((o) => o.ok).sort()).toEqual([false, true])
    expect(both.find((o) => !o.ok)).toEqual({ ok: false, refusal: 'trial_used' })
    expect(await startTrial(deps, actor, { productCode: 'FORMS', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'trial_used',
    })
  })

  it('asks for billing on a trial with a payment method, and does not charge it', async () => {
    const { actor, profile } = await member()
    expect(await startTrial(deps, actor, { productCode: 'TEAMS', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'billing_required',
    })
    const charges = deps.gateway.charges.length
    const out = await startTrial(deps, actor, {
      productCode: 'TEAMS',
      idempotencyKey: randomUUID(),
      billing: { billingProfileId: profile.id, frequency: 'monthly', payment: newCard() },
    })
    expect(out.ok).toBe(true)
    expect(deps.gateway.charges.length).toBe(charges)
    const [sub] = await database.db
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, out.ok ? out.value.subscriptionId : ''))
    expect(sub).toMatchObject({ status: 'trial', autoRenew: true, billingProfileId: profile.id })
    expect(sub!.paymentMethodId).not.toBeNull()
  })

  it('converts a trial now: charges 25 licences, a Convert invoice, active — once for two clicks', async () => {
    const { actor, profile } = await member()
    const started = await startTrial(deps, actor, {
      productCode: 'TEAMS',
      idempotencyKey: randomUUID(),
      billing: { billingProfileId: profile.id, frequency: 'monthly', payment: newCard() },
    })
    const id = started.ok ? started.value.subscriptionId : ''
    clock.advanceDays(3)
    const charges = deps.gateway.charges.length
    const [a, b] = await Promise.all([convertTrial(deps, actor, id), convertTrial(deps, actor, id)])
    expect(a.ok && b.ok).toBe(true)
    expect(deps.gateway.charges.length - charges).toBe(1)
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, id))
    expect(sub).toMatchObject({ status: 'active', quantity: 25 })
    expect(sub!.termStart.toISOString()).toBe('2026-11-28T10:00:00.000Z')
    expect(sub!.termEnd.toISOString()).toBe('2026-12-28T10:00:00.000Z')
    const bills = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))
    // 25 × 4.00 = 100.00 + 20 % = 120.00
    expect(bills.map((i) => [i.type, i.subtotal, i.tax, i.total, i.status])).toEqual([
      ['convert', 10000, 2000, 12000, 'paid'],
    ])
    expect(await convertTrial(deps, actor, id)).toEqual({ ok: true, value: { subscriptionId: id, invoiceId: null } })
  })

  it('keeps the trial as it was when the conversion is declined', async () => {
    const { actor, profile } = await member()
    const started = await startTrial(deps, actor, {
      productCode: 'TEAMS',
      idempotencyKey: randomUUID(),
      billing: { billingProfileId: profile.id, frequency: 'monthly', payment: newCard('4000 0000 0000 9995') },
    })
    const id = started.ok ? started.value.subscriptionId : ''
    expect(await convertTrial(deps, actor, id)).toEqual({ ok: false, refusal: 'insufficient_funds' })
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, id))
    expect(sub!.status).toBe('trial')
    expect(await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))).toEqual([])
    // A good card on the trial, and the next click is a new attempt that goes through.
    const good = await aCardOnFile(database.db, { id: actor.id, orgId: actor.orgId })
    await database.db.update(subscriptions).set({ paymentMethodId: good.id }).where(eq(subscriptions.id, id))
    expect((await convertTrial(deps, actor, id)).ok).toBe(true)
    expect((await database.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!.status).toBe('active')
  })

  it('cannot convert a card-less trial or someone else’s', async () => {
    const { actor } = await member()
    const other = await member()
    const started = await startTrial(deps, actor, { productCode: 'FORMS', idempotencyKey: randomUUID() })
    const id = started.ok ? started.value.subscriptionId : ''
    expect(await convertTrial(deps, actor, id)).toEqual({ ok: false, refusal: 'no_payment_method' })
    expect(await convertTrial(deps, other.actor, id)).toEqual({ ok: false, refusal: 'not_found' })
  })

  it('follows the policy: trials-only gives a card-less trial, blocked gives none', async () => {
    const { user, actor } = await member()
    expect((await startTrial(deps, actor, { productCode: 'ONLY', idempotencyKey: randomUUID() })).ok).toBe(true)
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, user.id))
    expect(sub).toMatchObject({ paymentMethodId: null, autoRenew: false })
    expect(await startTrial(deps, actor, { productCode: 'BLOCKED', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'blocked',
    })
    expect(await startTrial(deps, actor, { productCode: 'PLAIN', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'no_trial',
    })
    const guest = actorOf(await aUser(database.db, w.org.id, { kind: 'guest' }))
    expect(await startTrial(deps, guest, { productCode: 'FORMS', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'guest',
    })
  })

  it('refuses a second trial of a trials-only product as trial_used, as the trial page does', async () => {
    const { actor } = await member()
    expect((await startTrial(deps, actor, { productCode: 'ONLY', idempotencyKey: randomUUID() })).ok).toBe(true)
    expect(await startTrial(deps, actor, { productCode: 'ONLY', idempotencyKey: randomUUID() })).toEqual({
      ok: false,
      refusal: 'trial_used',
    })
  })

  it('takes the money once when a click converts the trial while the job converts it at its end', async () => {
    const { actor, profile } = await member()
    const started = await startTrial(deps, actor, {
      productCode: 'TEAMS',
      idempotencyKey: randomUUID(),
      billing: { billingProfileId: profile.id, frequency: 'monthly', payment: newCard() },
    })
    const id = started.ok ? started.value.subscriptionId : ''
    clock.set('2026-12-25T10:00:01Z')
    await Promise.all([convertTrial(deps, actor, id), runLifecycle(deps)])
    const taken = deps.gateway.charges.filter((c) => c.idempotencyKey.includes(id)).reduce((n, c) => n + c.amount, 0)
    const given = deps.gateway.refunds.filter((r) => r.idempotencyKey.includes(id)).reduce((n, r) => n + r.amount, 0)
    expect(taken - given).toBe(12000)
    expect(
      (await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))).map((i) => i.type),
    ).toHaveLength(1)
  })

  it('does not convert a cancelled trial', async () => {
    const { actor, profile } = await member()
    const started = await startTrial(deps, actor, {
      productCode: 'TEAMS',
      idempotencyKey: randomUUID(),
      billing: { billingProfileId: profile.id, frequency: 'monthly', payment: newCard() },
    })
    const id = started.ok ? started.value.subscriptionId : ''
    await cancelSubscription(deps, actor, id, { reason: 'other', feedback: '' })
    expect(await convertTrial(deps, actor, id)).toEqual({ ok: false, refusal: 'cancelled' })
  })
})
