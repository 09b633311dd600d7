import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { invoices, subscriptions } from '../../../src/db/schema/index'
import { SandboxGateway } from '../../../src/payments/sandbox-gateway'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import { aBillingProfile, aCardOnFile, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

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
