import { randomUUID } from 'node:crypto'
import { and, asc, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { invoices, notifications, subscriptions } from '../../../src/db/schema/index'
import { SandboxGateway } from '../../../src/payments/sandbox-gateway'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import { aBillingProfile, aCardOnFile, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'
import { moneyDifferences } from '../../support/money-check'

describe.each(DATABASE_KINDS)('the lifecycle job running twice at once on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-02-01T12:00:00Z')
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db)
  })
  afterAll(() => database.close())

  async function dueSubscriptions(n: number) {
    const ids: string[] = []
    for (let i = 0; i < n; i++) {
      const user = await aUser(database.db, w.org.id)
      const profile = await aBillingProfile(database.db, user)
      const card = await aCardOnFile(database.db, user)
      ids.push(
        (
          await aSubscription(database.db, {
            orgId: w.org.id,
            purchaserId: user.id,
            productId: w.product.id,
            billingProfileId: profile.id,
            paymentMethodId: card.id,
            at: new Date('2026-01-01T00:00:00Z'),
          })
        ).id,
      )
    }
    return ids
  }

  it('renews each of 200 due subscriptions exactly once, with one charge each', async () => {
    const ids = new Set(await dueSubscriptions(200))
    const gateway = new SandboxGateway(database.db)
    const deps = testDeps(database, clock, gateway)
    const [a, b] = await Promise.all([runLifecycle(deps), runLifecycle(deps)])
    expect(a.renewed + b.renewed).toBe(200)
    expect(a.errors + b.errors).toBe(0)
    expect(gateway.charges.filter((c) => [...ids].some((id) => c.idempotencyKey.includes(id)))).toHaveLength(200)
    const rows = await database.db
      .select({ subscriptionId: invoices.subscriptionId, n: count() })
      .from(invoices)
      .where(eq(invoices.type, 'renew'))
      .groupBy(invoices.subscriptionId)
    expect(rows.filter((r) => ids.has(r.subscriptionId!)).every((r) => r.n === 1)).toBe(true)
    expect(rows.filter((r) => ids.has(r.subscriptionId!))).toHaveLength(200)
  }, 120_000)

  it('does not charge again after a run dies between the charge and the commit', async () => {
    const [id] = await dueSubscriptions(1)
    const gateway = new SandboxGateway(database.db)
    // The first charge goes through at the gateway, then the process "dies" before committing.
    let crashes = 1
    const crashing = Object.create(gateway, {
      charge: {
        value: async (input: Parameters<SandboxGateway['charge']>[0]) => {
          const result = await gateway.charge(input)
          if (crashes-- > 0) throw new Error('killed between charge and commit')
          return result
        },
      },
    })
    const first = await runLifecycle({ ...testDeps(database, clock, gateway), gateway: crashing })
    expect(first.errors).toBe(1)
    expect(
      (await database.db.select().from(subscriptions).where(eq(subscriptions.id, id!)))[0]!.termEnd.toISOString(),
    ).toBe('2026-02-01T00:00:00.000Z')
    const second = await runLifecycle({ ...testDeps(database, clock, gateway), gateway: crashing })
    expect(second.renewed).toBe(1)
    expect(gateway.charges.filter((c) => c.idempotencyKey.includes(id!))).toHaveLength(1)
    expect(await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id!))).toHaveLength(1)
  })
})

describe.each(DATABASE_KINDS)('two runs of the lifecycle job with four workers each on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-05-01T12:00:00Z')
  afterAll(() => database.close())

  it('renews and converts each due row once per term, numbers invoices in turn, balances the money', async () => {
    database = await freshDatabase(kind)
    const db = database.db
    const org = await anOrganization(db)
    const product = await aProduct(db)
    // 20 purchasers, each with one billing profile (its invoice numbers are taken under the profile's
    // lock, so the workers charging its subscriptions at once meet there) and: a subscription due once,
    // one three terms behind (renewed term by term), a trial ending with its card; every fifth has a
    // card that declines.
    const expected = new Map<string, { renewals: number; declined: boolean; trial: boolean }>()
    const profiles: string[] = []
    for (let i = 0; i < 20; i++) {
      const user = await aUser(db, org.id)
      const profile = await aBillingProfile(db, user)
      const declined = i % 5 === 0
      const declining = `tok_sb_card_declined_${randomUUID().replace(/-/g, '')}`
      const card = await aCardOnFile(db, user, ...(declined ? [declining] : []))
      profiles.push(profile.id)
      const mine = { orgId: org.id, purchaserId: user.id, productId: product.id }
      const billed = { billingProfileId: profile.id, paymentMethodId: card.id }
      const once = await aSubscription(db, { ...mine, ...billed, at: new Date('2026-04-01T00:00:00Z') })
      const behind = await aSubscription(db, { ...mine, ...billed, at: new Date('2026-01-15T00:00:00Z') })
      const trialEnd = new Date('2026-04-30T00:00:00Z')
      const trial = await aSubscription(db, {
        ...mine,
        ...billed,
        at: new Date('2026-04-01T00:00:00Z'),
        status: 'trial',
        startedAsTrial: true,
        trialEndsAt: trialEnd,
        termEnd: trialEnd,
      })
      expected.set(once.id, { renewals: declined ? 0 : 1, declined, trial: false })
      expected.set(behind.id, { renewals: declined ? 0 : 3, declined, trial: false })
      expected.set(trial.id, { renewals: declined ? 0 : 1, declined, trial: true })
    }
    const gateway = new SandboxGateway(db)
    const deps = testDeps(database, clock, gateway)

    const [a, b] = await Promise.all([runLifecycle(deps, { workers: 4 }), runLifecycle(deps, { workers: 4 })])

    expect(a.errors + b.errors).toBe(0)
    expect(a.renewed + b.renewed).toBe(16 * 4)
    expect(a.trialsConverted + b.trialsConverted).toBe(16)
    expect(a.renewalsFailed + b.renewalsFailed).toBe(8)
    expect(a.trialConversionsFailed + b.trialConversionsFailed).toBe(4)
    for (const [id, want] of expected) {
      const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.id, id))
      const bills = await db
        .select()
        .from(invoices)
        .where(eq(invoices.subscriptionId, id))
        .orderBy(asc(invoices.periodStart))
      expect(bills, id).toHaveLength(want.renewals)
      // Term by term: each invoice starts where the one before ended, and the last is the running term.
      for (let i = 1; i < bills.length; i++) expect(bills[i]!.periodStart).toEqual(bills[i - 1]!.periodEnd)
      expect(gateway.charges.filter((c) => c.idempotencyKey.includes(id))).toHaveLength(want.renewals)
      if (want.declined) {
        // Expired at its term's end; the one three terms behind has been expired long enough to be disabled.
        expect(sub!.status).toBe(sub!.termEnd < new Date('2026-03-01') ? 'disabled' : 'expired')
        const failed = await db
          .select()
          .from(notifications)
          .where(and(eq(notifications.subscriptionId, id), eq(notifications.kind, 'renewal_failed')))
        expect(failed).toHaveLength(1)
      } else {
        expect(sub!.status).toBe('active')
        expect(sub!.termEnd.getTime()).toBeGreaterThan(clock.now().getTime())
        expect(sub!.termEnd).toEqual(bills.at(-1)!.periodEnd)
      }
    }
    for (const profileId of profiles) {
      const numbers = (
        await db.select({ n: invoices.number }).from(invoices).where(eq(invoices.billingProfileId, profileId))
      ).map((r) => r.n)
      expect(numbers.sort((x, y) => x - y)).toEqual(numbers.map((_, i) => i + 1))
    }
    expect(await moneyDifferences(db)).toEqual([])
  }, 120_000)
})
