import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { invoices, subscriptions } from '../../src/db/schema/index'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import {
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
  PASSWORD,
} from '../builders/index'
import { freshPostgresInstances } from '../support/databases'
import { Agent, testApp, textOf } from '../support/http'
import { moneyDifferences } from '../support/money-check'

// Issue 9, finding 1: two submits of one form (one idempotency key) for two different orders,
// at once, through two app instances behind one PostgreSQL. Each pair must end with one order,
// and the money the gateway took must equal the invoices — never 500 licences paid as 1.
const PAIRS = 30
const reused = 'This form was already used for a different order'

describe.skipIf(!process.env.TEST_DATABASE_URL)('one form key, two different orders, two app instances', () => {
  let a: Database
  let b: Database
  const clock = fixedClock('2026-11-25T10:00:00Z')
  let apps: [ReturnType<typeof testApp>, ReturnType<typeof testApp>]
  const w = {} as Record<string, any>

  beforeAll(async () => {
    ;[a, b] = (await freshPostgresInstances(2)) as [Database, Database]
    // Each instance has its own sandbox client; the gateway's memory is shared, as a real one's.
    apps = [testApp(a, clock, new SandboxGateway(a.db)), testApp(b, clock, new SandboxGateway(b.db))]
    w.org = await anOrganization(a.db)
    w.lea = await aUser(a.db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
    w.product = await aProduct(a.db, {
      code: 'PROJ-P3',
      nameEn: 'Project Plan 3',
      monthlyPrice: 2810,
      annualPrice: 28100,
    })
    w.profile = await aBillingProfile(a.db, w.lea)
    w.card = await aCardOnFile(a.db, w.lea)
  })
  afterAll(() => a.close())

  async function browsers(): Promise<[Agent, Agent]> {
    const first = new Agent(apps[0])
    await first.signIn('lea@example.test', PASSWORD)
    return [first, first.via(apps[1])]
  }

  it('buys one order per form when 1 licence with a new card and 500 with the saved card race', async () => {
    const [one, other] = await browsers()
    const keys = Array.from({ length: PAIRS }, () => randomUUID())
    const order = (key: string, quantity: number, total: number, card: Record<string, string>) => ({
      quantity: String(quantity),
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: key,
      quotedTotal: String(total),
      ...card,
    })
    const newCard = {
      payment: 'new',
      cardNumber: '4242 4242 4242 4242',
      expMonth: '12',
      expYear: '2030',
      cvc: '123',
      nameOnCard: 'Léa Martin',
    }
    const pairs = await Promise.all(
      keys.map((key) =>
        Promise.all([
          one.post('/billing/purchase/PROJ-P3', order(key, 1, 3372, newCard)),
          other.post('/billing/purchase/PROJ-P3', order(key, 500, 1686000, { payment: `saved:${w.card.id}` })),
        ]),
      ),
    )
    for (const [i, responses] of pairs.entries()) {
      const statuses = responses.map((r) => r.status).sort()
      expect(statuses, `pair ${i}`).toEqual([303, 422])
      const refused = responses.find((r) => r.status === 422)!
      const html = await refused.text()
      expect(textOf(html)).toContain(reused)
      // A fresh form: its key (a hidden field, so not in the page's text) is not the one already used.
      const fresh = /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1]
      expect(fresh, `pair ${i}`).toMatch(/^[0-9a-f-]{36}$/)
      expect(fresh, `pair ${i}`).not.toBe(keys[i])
    }
    const bought = await a.db.select().from(subscriptions).where(inArray(subscriptions.idempotencyKey, keys))
    expect(bought).toHaveLength(PAIRS)
    expect(await moneyDifferences(a.db)).toEqual([])
  }, 120_000)

  it('adds licences once per form when +1 and +100 race under one key', async () => {
    const [one, other] = await browsers()
    const subs = []
    for (let i = 0; i < PAIRS; i++) {
      const at = new Date('2026-11-20T00:00:00Z')
      const profileId = w.profile.id
      subs.push(
        await aSubscription(a.db, {
          orgId: w.org.id,
          purchaserId: w.lea.id,
          productId: w.product.id,
          billingProfileId: profileId,
          paymentMethodId: w.card.id,
          at,
          quantity: 10,
        }),
      )
    }
    const pairs = await Promise.all(
      subs.map((sub) => {
        const formKey = randomUUID()
        return Promise.all([
          one.post(`/billing/products/${sub.id}/licenses`, { total: '11', formKey }),
          other.post(`/billing/products/${sub.id}/licenses`, { total: '110', formKey }),
        ])
      }),
    )
    for (const [i, responses] of pairs.entries()) {
      expect(responses.map((r) => r.status).sort(), `pair ${i}`).toEqual([303, 422])
      expect(textOf(await responses.find((r) => r.status === 422)!.text())).toContain(
        'This form was already used for a different change',
      )
    }
    const after = await a.db
      .select()
      .from(subscriptions)
      .where(
        inArray(
          subscriptions.id,
          subs.map((s) => s.id),
        ),
      )
    expect(after).toHaveLength(PAIRS)
    expect(after.every((s) => s.quantity === 11 || s.quantity === 110)).toBe(true)
    for (const sub of after) {
      const added = await a.db
        .select()
        .from(invoices)
        .where(and(eq(invoices.subscriptionId, sub.id), eq(invoices.type, 'add_quantity')))
      expect(added).toHaveLength(1)
    }
    expect(await moneyDifferences(a.db)).toEqual([])
  }, 120_000)
})
