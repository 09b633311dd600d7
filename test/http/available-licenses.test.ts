import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import {
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
  PASSWORD,
} from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-16T00:00:00Z'))
  const { db } = database
  w.org = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  const holders = [w.lea, ...(await Promise.all([1, 2, 3].map(() => aUser(db, w.org.id))))]
  w.product = await aProduct(db, { code: 'VISIO-P2', nameEn: 'Visio Plan 2' })
  w.profile = await aBillingProfile(db, w.lea)
  w.card = await aCardOnFile(db, w.lea)
  // 10 licences, 4 assigned, and a removal down to 7 scheduled for the renewal: 3 are free to give,
  // not 6, because the renewal would have to take back anything given beyond 7.
  w.sub = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.product.id,
    billingProfileId: w.profile.id,
    paymentMethodId: w.card.id,
    at: new Date('2026-11-01T00:00:00Z'),
    quantity: 10,
    pendingQuantity: 7,
    assignedUserIds: holders.map((u) => u.id),
  })
})
afterAll(() => database.close())

async function pageOf(path: string) {
  const agent = new Agent(app)
  await agent.signIn('lea@example.test', PASSWORD)
  const res = await agent.get(path)
  expect(res.status).toBe(200)
  return res.text()
}

/** The number a sentence of the page's visible text shows, e.g. "Available licenses 3". */
function numberIn(html: string, pattern: RegExp): number {
  const found = textOf(html).match(pattern)
  expect(found, `${pattern} on the page`).not.toBeNull()
  return Number(found![1])
}

describe('available licences with a reduction pending', () => {
  it('are the same on the Licenses list, the licences page, the details page and the Assign pane', async () => {
    const list = tableRows(await pageOf('/billing/licenses')).find(([product]) => product?.startsWith('Visio Plan 2'))
    // Product (with its purchase date and term), status, assigned, available, total.
    expect(list).toEqual(['Visio Plan 2 Purchased 1 November 2026 · monthly term', 'Active', '4', '3', '10'])

    const licensesPage = await pageOf(`/billing/licenses/${w.sub.id}`)
    expect(numberIn(licensesPage, /4 assigned, (\d+) available, 10 in total/)).toBe(3)

    const details = await pageOf(`/billing/products/${w.sub.id}`)
    expect(numberIn(details, /Available licenses (\d+) /)).toBe(3)

    const assign = await pageOf(`/billing/licenses/${w.sub.id}/assign`)
    expect(numberIn(assign, /(\d+) licenses available\./)).toBe(3)
  })
})
