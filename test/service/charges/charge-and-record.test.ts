import { randomUUID } from 'node:crypto'
import { eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { payments, subscriptions } from '../../../src/db/schema/index'
import { SandboxGateway } from '../../../src/payments/sandbox-gateway'
import { ChargeUnsettledError } from '../../../src/services/charges/charge-unsettled'
import { reconcileCharges } from '../../../src/services/charges/reconcile-charges'
import type { Deps } from '../../../src/services/deps'
import { purchaseSubscription, type PurchaseInput } from '../../../src/services/purchase/purchase-subscription'
import { changeLicenses } from '../../../src/services/subscriptions/change-licenses'
import { reactivateSubscription } from '../../../src/services/subscriptions/reactivate-subscription'
import { convertTrial } from '../../../src/services/subscriptions/convert-trial'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import {
  actorOf,
  aBillingProfile,
  aNewCardPayment,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'
import { moneyDifferences } from '../../support/money-check'

const SIX_MINUTES = 6 * 60_000
// A query builder whose every step chains and whose result is a lost connection.
const failingQuery: unknown = new Proxy(() => {}, {
  get: (_, p) =>
    p === 'then' ? (_ok: unknown, fail: (e: Error) => void) => fail(new Error('connection lost')) : () => failingQuery,
})

describe.each(DATABASE_KINDS)('the charge path on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-25T10:00:00Z')
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.lea = await aUser(database.db, w.org.id, { displayName: 'Léa Martin' })
    w.product = await aProduct(database.db, { code: 'PROJ-P3', monthlyPrice: 2810, annualPrice: 28100 })
    w.profile = await aBillingProfile(database.db, w.lea)
    w.card = await aCardOnFile(database.db, w.lea)
  })
  afterAll(() => database.close())

  const newCard = (number?: string) => aNewCardPayment(clock.now(), number)
  const order = (over: Partial<PurchaseInput> = {}): PurchaseInput => ({
    productCode: 'PROJ-P3',
    quantity: 1,
    frequency: 'monthly',
    billingProfileId: w.profile.id,
    payment: { kind: 'saved', paymentMethodId: w.card.id },
    idempotencyKey: randomUUID(),
    ...over,
  })
  const intentOf = async (formKey: string) =>
    (
      await database.db
        .select()
        .from(payments)
        .where(like(payments.idempotencyKey, `%${formKey}`))
    )[0]
  /** Deps whose database fails every transaction and update: the outage after the charge. */
  const outage = (): Deps => ({
    ...deps,
    db: new Proxy(database.db, {
      get: (target, p) => {
        if (p === 'transaction') return () => Promise.reject(new Error('connection lost'))
        if (p === 'update') return () => failingQuery
        return Reflect.get(target, p)
      },
    }),
  })

  it('refuses a second order under a key already used, before any money moves', async () => {
    const first = order({ quantity: 1, payment: newCard() })
    expect((await purchaseSubscription(deps, actorOf(w.lea), first)).ok).toBe(true)
    const charges = deps.gateway.charges.length
    const second = await purchaseSubscription(
      deps,
      actorOf(w.lea),
      order({ quantity: 500, idempotencyKey: first.idempotencyKey }),
    )
    expect(second).toEqual({ ok: false, refusal: 'key_reused' })
    expect(deps.gateway.charges.length).toBe(charges)
    // The same order again is the first purchase, not a second one.
    const again = await purchaseSubscription(deps, actorOf(w.lea), { ...first })
    expect(again).toMatchObject({ ok: true, value: { replayed: true } })
    expect(deps.gateway.charges.length).toBe(charges)
  })

  it('leaves a charge it can neither record nor give back to the reconciler, which refunds it once', async () => {
    const form = order({ quantity: 2 })
    await expect(purchaseSubscription(outage(), actorOf(w.lea), form)).rejects.toBeInstanceOf(ChargeUnsettledError)
    expect((await intentOf(form.idempotencyKey))!.status).toBe('pending')
    // Too recent to settle: its request may still be recording it.
    expect((await reconcileCharges(deps)).refunded).toBe(0)
    const later = { ...deps, clock: fixedClock(new Date(clock.now().getTime() + SIX_MINUTES)) }
    const refunds = deps.gateway.refunds.length
    // Two reconcilers at once (two instances' jobs): the money goes back once.
    const reports = await Promise.all([reconcileCharges(later), reconcileCharges(later)])
    expect(reports[0].refunded + reports[1].refunded).toBeGreaterThanOrEqual(1)
    expect(deps.gateway.refunds.length - refunds).toBe(1)
    expect((await deps.gateway.moneyMoved()).net).toBe(await recordedNet())
    const intent = (await intentOf(form.idempotencyKey))!
    expect(intent).toMatchObject({ status: 'failed', failureCode: 'refunded_unrecorded' })
    expect(
      await database.db.select().from(subscriptions).where(eq(subscriptions.idempotencyKey, form.idempotencyKey)),
    ).toEqual([])
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('gives back a charge whose intent the reconciler settled while the gateway was still answering', async () => {
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const gateway = new SandboxGateway(database.db)
    let asked = false
    const slow = Object.create(gateway, {
      charge: {
        value: async (input: Parameters<SandboxGateway['charge']>[0]) => {
          asked = true
          await gate
          return gateway.charge(input)
        },
      },
    })
    const form = order({ quantity: 3 })
    const buying = purchaseSubscription({ ...deps, gateway: slow }, actorOf(w.lea), form)
    // The intent is written and the gateway is working on the charge.
    while (!asked) await new Promise((r) => setTimeout(r, 5))
    // The reconciler asks before the charge exists: nothing taken, the intent is closed.
    expect((await reconcileCharges({ ...deps, gateway }, { settleAfterMs: 0 })).abandoned).toBe(1)
    release()
    expect(await buying).toEqual({ ok: false, refusal: 'processing_error' })
    expect(gateway.refunds).toHaveLength(1)
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('closes an intent the gateway declined even when the decline could not be written', async () => {
    const declining = await aCardOnFile(database.db, w.lea, `tok_sb_card_declined_${'0'.repeat(32)}`)
    const form = order({ payment: { kind: 'saved', paymentMethodId: declining.id } })
    expect(await purchaseSubscription(outage(), actorOf(w.lea), form)).toEqual({ ok: false, refusal: 'card_declined' })
    expect((await intentOf(form.idempotencyKey))!.status).toBe('pending')
    const later = { ...deps, clock: fixedClock(new Date(clock.now().getTime() + SIX_MINUTES)) }
    expect((await reconcileCharges(later)).declined).toBe(1)
    expect(await intentOf(form.idempotencyKey)).toMatchObject({ status: 'failed', failureCode: 'card_declined' })
  })

  it('charges added licences on the subscription’s card, and refuses a reused key for another total', async () => {
    const at = new Date('2026-11-20T00:00:00Z')
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.lea.id,
      productId: w.product.id,
      billingProfileId: w.profile.id,
      paymentMethodId: w.card.id,
      at,
    })
    const key = randomUUID()
    expect((await changeLicenses(deps, actorOf(w.lea), sub.id, 11, key)).ok).toBe(true)
    expect(await changeLicenses(deps, actorOf(w.lea), sub.id, 110, key)).toEqual({ ok: false, refusal: 'key_reused' })
    expect(deps.gateway.charges.at(-1)!.token).toBe(w.card.gatewayToken)
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('charges two clicks of Reactivate a moment apart once, and both see the subscription back', async () => {
    const at = new Date('2026-09-01T00:00:00Z')
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.lea.id,
      productId: w.product.id,
      billingProfileId: w.profile.id,
      paymentMethodId: w.card.id,
      at,
      status: 'expired',
      statusChangedAt: new Date('2026-10-01T00:00:00Z'),
    })
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const gateway = new SandboxGateway(database.db)
    let asking = 0
    const slow = Object.create(gateway, {
      charge: {
        value: async (input: Parameters<SandboxGateway['charge']>[0]) => {
          asking++
          await gate
          return gateway.charge(input)
        },
      },
    })
    const first = reactivateSubscription({ ...deps, gateway: slow }, actorOf(w.lea), sub.id)
    const second = reactivateSubscription(
      { ...deps, gateway: slow, clock: fixedClock(new Date(clock.now().getTime() + 1500)) },
      actorOf(w.lea),
      sub.id,
    )
    // Both clicks are at the gateway before either is answered.
    while (asking < 2) await new Promise((r) => setTimeout(r, 5))
    release()
    const results = await Promise.all([first, second])
    expect(results.map((r) => r.ok)).toEqual([true, true])
    expect(gateway.charges.filter((c) => c.idempotencyKey.includes(sub.id))).toHaveLength(1)
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('charges a trial once when Start paid subscription now races the job converting it at its end', async () => {
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.lea.id,
      productId: w.product.id,
      billingProfileId: w.profile.id,
      paymentMethodId: w.card.id,
      at: new Date('2026-10-20T00:00:00Z'),
      status: 'trial',
      startedAsTrial: true,
      trialEndsAt: new Date('2026-11-19T00:00:00Z'),
      termEnd: new Date('2026-11-19T00:00:00Z'),
      quantity: 25,
    })
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const gateway = new SandboxGateway(database.db)
    let asking = 0
    const slow = Object.create(gateway, {
      charge: {
        value: async (input: Parameters<SandboxGateway['charge']>[0]) => {
          if (input.idempotencyKey.includes(sub.id)) asking++
          await gate
          return gateway.charge(input)
        },
      },
    })
    const click = convertTrial({ ...deps, gateway: slow }, actorOf(w.lea), sub.id)
    const job = runLifecycle({ ...deps, gateway: slow })
    while (asking < 2) await new Promise((r) => setTimeout(r, 5))
    release()
    const [clicked] = await Promise.all([click, job])
    expect(clicked.ok).toBe(true)
    expect(gateway.charges.filter((c) => c.idempotencyKey.includes(sub.id))).toHaveLength(1)
    expect(gateway.refunds.filter((r) => r.idempotencyKey.includes(sub.id))).toHaveLength(0)
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  async function recordedNet(): Promise<number> {
    const rows = await database.db.select().from(payments)
    return rows.reduce((n, p) => n + (p.status !== 'succeeded' ? 0 : p.kind === 'charge' ? p.amount : -p.amount), 0)
  }
})
