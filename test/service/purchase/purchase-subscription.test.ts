import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import {
  auditEvents,
  billingAccounts,
  invoiceLines,
  invoices,
  licenseAssignments,
  payments,
  paymentMethods,
  subscriptions,
} from '../../../src/db/schema/index'
import { setUpBilling } from '../../../src/services/billing/set-up-billing'
import { holdCard } from '../../../src/services/purchase/held-card'
import { purchaseSubscription, type PurchaseInput } from '../../../src/services/purchase/purchase-subscription'
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
const card = (number?: string) => aNewCardPayment(clock.now(), number)

describe.each(DATABASE_KINDS)('buying a subscription on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    const { db } = database
    w.org = await anOrganization(db)
    w.lea = await aUser(db, w.org.id, { displayName: 'Léa Martin' })
    w.guest = await aUser(db, w.org.id, { kind: 'guest' })
    w.product = await aProduct(db, {
      code: 'PROJ-P3',
      nameEn: 'Project Plan 3',
      monthlyPrice: 2810,
      annualPrice: 28100,
      maxQuantity: 300,
    })
    w.blocked = await aProduct(db, { code: 'BLOCKED' })
    w.trialsOnly = await aProduct(db, { code: 'TRIALS', trialOffer: 'without_payment_method' })
    await aPolicy(db, w.org.id, w.blocked.id, 'blocked')
    await aPolicy(db, w.org.id, w.trialsOnly.id, 'trials_only')
    w.profile = await aBillingProfile(db, w.lea)
  })
  afterAll(() => database.close())

  const input = (over: Partial<PurchaseInput> = {}): PurchaseInput => ({
    productCode: 'PROJ-P3',
    quantity: 3,
    frequency: 'monthly',
    billingProfileId: w.profile.id,
    payment: card(),
    idempotencyKey: randomUUID(),
    ...over,
  })

  it('charges the first term, issues a paid Purchase invoice and gives the purchaser a licence', async () => {
    const before = deps.gateway.charges.length
    const out = await purchaseSubscription(deps, actorOf(w.lea), input())
    expect(out.ok).toBe(true)
    if (!out.ok) return
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, out.value.subscriptionId))
    expect(sub).toMatchObject({
      status: 'active',
      quantity: 3,
      unitPrice: 2810,
      currency: 'EUR',
      autoRenew: true,
      billingFrequency: 'monthly',
    })
    expect(sub!.termEnd.toISOString()).toBe('2026-12-25T10:00:00.000Z')
    const [invoice] = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, sub!.id))
    // 3 × 28.10 = 84.30; French VAT 20 % = 16.86; total 101.16
    expect(invoice).toMatchObject({
      type: 'purchase',
      kind: 'invoice',
      status: 'paid',
      subtotal: 8430,
      tax: 1686,
      total: 10116,
      currency: 'EUR',
      cardBrand: 'visa',
      cardLast4: '4242',
    })
    const lines = await database.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ unitPrice: 2810, quantity: 3, amount: 8430, taxRateBp: 2000, tax: 1686 })
    expect(deps.gateway.charges.length - before).toBe(1)
    expect(deps.gateway.charges.at(-1)!.amount).toBe(10116)
    const holders = await database.db
      .select()
      .from(licenseAssignments)
      .where(eq(licenseAssignments.subscriptionId, sub!.id))
    expect(holders.map((h) => h.userId)).toEqual([w.lea.id])
    const [payment] = await database.db.select().from(payments).where(eq(payments.invoiceId, invoice!.id))
    expect(payment).toMatchObject({ kind: 'charge', status: 'succeeded', amount: 10116 })
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, sub!.id))
    expect(audit.map((a) => a.action)).toEqual(['subscription.purchased'])
  })

  it('numbers invoices one after another per billing profile', async () => {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const saved = await aCardOnFile(database.db, buyer)
    const a = await purchaseSubscription(deps, actorOf(buyer), input({ billingProfileId: profile.id }))
    const b = await purchaseSubscription(
      deps,
      actorOf(buyer),
      input({ billingProfileId: profile.id, payment: { kind: 'saved', paymentMethodId: saved.id } }),
    )
    const numbers = await Promise.all(
      [a, b].map(async (o) =>
        o.ok ? (await database.db.select().from(invoices).where(eq(invoices.id, o.value.invoiceId!)))[0]!.number : -1,
      ),
    )
    expect(numbers).toEqual([1, 2])
  })

  it('taxes by the bill-to country and rounds each line to the cent', async () => {
    const de = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, de, { country: 'DE' })
    const out = await purchaseSubscription(
      deps,
      actorOf(de),
      input({ billingProfileId: profile.id, quantity: 7, frequency: 'annual' }),
    )
    const [invoice] = await database.db
      .select()
      .from(invoices)
      .where(eq(invoices.id, out.ok ? out.value.invoiceId! : ''))
    // 7 × 281.00 = 1,967.00; 19 % = 373.73; total 2,340.73
    expect(invoice).toMatchObject({ subtotal: 196700, tax: 37373, total: 234073 })
  })

  it.each([
    ['4000 0000 0000 0002', 'card_declined'],
    ['4000 0000 0000 9995', 'insufficient_funds'],
    ['4000 0000 0000 0069', 'expired_card'],
    ['4000 0000 0000 0127', 'incorrect_cvc'],
    ['4000 0000 0000 0119', 'processing_error'],
  ])('refuses card %s as %s and creates nothing', async (number, decline) => {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const charges = deps.gateway.charges.length
    const out = await purchaseSubscription(
      deps,
      actorOf(buyer),
      input({ billingProfileId: profile.id, payment: card(number) }),
    )
    expect(out).toEqual({ ok: false, refusal: decline })
    expect(await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, buyer.id))).toEqual([])
    expect(await database.db.select().from(paymentMethods).where(eq(paymentMethods.ownerId, buyer.id))).toEqual([])
    expect(await database.db.select().from(licenseAssignments).where(eq(licenseAssignments.userId, buyer.id))).toEqual(
      [],
    )
    expect(deps.gateway.charges.length).toBe(charges)
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.actorId, buyer.id))
    expect(audit.map((a) => [a.action, (a.after as { decline: string }).decline])).toEqual([
      ['purchase.declined', decline],
    ])
  })

  it('buys once for a double submit of the same form, one after the other and at the same time', async () => {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const charges = deps.gateway.charges.length
    const refunds = deps.gateway.refunds.length
    const form = input({ billingProfileId: profile.id })
    const first = await purchaseSubscription(deps, actorOf(buyer), form)
    const again = await purchaseSubscription(deps, actorOf(buyer), form)
    expect(again.ok && again.value).toMatchObject({
      replayed: true,
      subscriptionId: first.ok ? first.value.subscriptionId : '',
    })
    const racing = input({ billingProfileId: profile.id })
    const both = await Promise.all([
      purchaseSubscription(deps, actorOf(buyer), racing),
      purchaseSubscription(deps, actorOf(buyer), racing),
    ])
    expect(both.every((o) => o.ok)).toBe(true)
    expect(new Set(both.map((o) => (o.ok ? o.value.subscriptionId : ''))).size).toBe(1)
    expect(await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, buyer.id))).toHaveLength(
      2,
    )
    expect(deps.gateway.charges.length - charges).toBe(2)
    expect(deps.gateway.refunds.length - refunds).toBe(0)
  })

  it('charges nothing when the order no longer comes to the total the buyer was shown', async () => {
    const charges = deps.gateway.charges.length
    expect(await purchaseSubscription(deps, actorOf(w.lea), input({ quantity: 5, expectedTotal: 10116 }))).toEqual({
      ok: false,
      refusal: 'total_changed',
    })
    expect(deps.gateway.charges.length).toBe(charges)
    expect((await purchaseSubscription(deps, actorOf(w.lea), input({ quantity: 3, expectedTotal: 10116 }))).ok).toBe(
      true,
    )
  })

  it('enforces the policy and the user kind even for a crafted request', async () => {
    expect(await purchaseSubscription(deps, actorOf(w.lea), input({ productCode: 'BLOCKED' }))).toEqual({
      ok: false,
      refusal: 'blocked',
    })
    expect(await purchaseSubscription(deps, actorOf(w.lea), input({ productCode: 'TRIALS' }))).toEqual({
      ok: false,
      refusal: 'trials_only',
    })
    expect(await purchaseSubscription(deps, actorOf(w.guest), input())).toEqual({ ok: false, refusal: 'guest' })
    expect(await purchaseSubscription(deps, actorOf(w.lea), input({ productCode: 'NOPE' }))).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await purchaseSubscription(deps, actorOf(w.lea), input({ quantity: 301 }))).toEqual({
      ok: false,
      refusal: 'quantity_too_high',
    })
  })

  it('refuses another user’s or another tenant’s billing profile and card', async () => {
    const colleague = await aUser(database.db, w.org.id)
    expect(await purchaseSubscription(deps, actorOf(colleague), input())).toEqual({
      ok: false,
      refusal: 'profile_not_found',
    })
    const own = await aBillingProfile(database.db, colleague)
    const leasCard = await aCardOnFile(database.db, w.lea)
    expect(
      await purchaseSubscription(
        deps,
        actorOf(colleague),
        input({ billingProfileId: own.id, payment: { kind: 'saved', paymentMethodId: leasCard.id } }),
      ),
    ).toEqual({
      ok: false,
      refusal: 'payment_method_not_found',
    })
    const other = await anOrganization(database.db)
    const stranger = await aUser(database.db, other.id)
    expect(await purchaseSubscription(deps, actorOf(stranger), input())).toEqual({
      ok: false,
      refusal: 'profile_not_found',
    })
  })

  it('pays with a card held for this buyer only, saving it as the gateway holds it', async () => {
    const held = await holdCard(deps, actorOf(w.lea), card('4242 4242 4242 4242').card, randomUUID())
    if (!held.ok) throw new Error('the sandbox holds every valid card')
    const payment = { kind: 'held' as const, token: held.value.token }
    const charges = deps.gateway.charges.length
    // Another buyer with the token (a colleague, another organisation) is charged nothing.
    const colleague = await aUser(database.db, w.org.id)
    const stranger = await aUser(database.db, (await anOrganization(database.db)).id)
    for (const buyer of [colleague, stranger]) {
      const profile = await aBillingProfile(database.db, buyer)
      expect(
        await purchaseSubscription(deps, actorOf(buyer), input({ billingProfileId: profile.id, payment })),
      ).toEqual({ ok: false, refusal: 'payment_method_not_found' })
    }
    const madeUp = { kind: 'held' as const, token: `tok_sb_ok_${'0'.repeat(32)}` }
    expect((await purchaseSubscription(deps, actorOf(w.lea), input({ payment: madeUp }))).ok).toBe(false)
    expect(deps.gateway.charges.length).toBe(charges)

    const out = await purchaseSubscription(deps, actorOf(w.lea), input({ payment }))
    expect(out.ok).toBe(true)
    expect(deps.gateway.charges.at(-1)).toMatchObject({ token: held.value.token, amount: 10116 })
    const [saved] = await database.db
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.gatewayToken, held.value.token))
    expect(saved).toMatchObject({
      ownerId: w.lea.id,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      nameOnCard: 'Léa Martin',
    })
  })

  it('refunds the charge when the purchase cannot be recorded', async () => {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const refunds = deps.gateway.refunds.length
    // A recording failure after the charge: the transaction throws on its first statement.
    const broken = {
      ...deps,
      db: new Proxy(database.db, {
        get: (t, p) =>
          p === 'transaction' ? () => Promise.reject(new Error('database went away')) : Reflect.get(t, p),
      }),
    }
    const form = input({ billingProfileId: profile.id })
    await expect(purchaseSubscription(broken, actorOf(buyer), form)).rejects.toThrow('database went away')
    expect(deps.gateway.refunds.length - refunds).toBe(1)
    expect(deps.gateway.refunds.at(-1)!.amount).toBe(deps.gateway.charges.at(-1)!.amount)
    expect(await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, buyer.id))).toEqual([])
    // The same form again, now that recording would work: the refunded key buys nothing.
    const again = await purchaseSubscription(
      deps,
      actorOf(buyer),
      input({ billingProfileId: profile.id, idempotencyKey: form.idempotencyKey }),
    )
    expect(again).toEqual({ ok: false, refusal: 'processing_error' })
    expect(await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, buyer.id))).toEqual([])
  })

  it('creates one billing account for a double-submitted billing address', async () => {
    const buyer = await aUser(database.db, w.org.id)
    const address = { line1: '1 rue X', line2: '', city: 'Lyon', postalCode: '69001', country: 'FR' }
    const results = await Promise.all([1, 2, 3, 4].map(() => setUpBilling(deps, actorOf(buyer), address)))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(await database.db.select().from(billingAccounts).where(eq(billingAccounts.ownerId, buyer.id))).toHaveLength(
      1,
    )
  })
})
