import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
  const { db } = database
  w.org = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin', language: 'en' })
  w.claire = await aUser(db, w.org.id, { email: 'claire@example.test', displayName: 'Claire Petit' })
  w.tools = await aProduct(db, { code: 'DEV-TOOLS', nameEn: 'Developer Toolkit', nameFr: 'Boîte à outils' })
  // Two subscriptions of one product, the same licences and status: only when and how they were bought differ.
  w.monthly = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.tools.id,
    at: new Date('2026-11-10T00:00:00Z'),
    quantity: 3,
    assignedUserIds: [w.lea.id],
  })
  w.annual = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.tools.id,
    at: new Date('2026-03-02T00:00:00Z'),
    billingFrequency: 'annual',
    quantity: 3,
    assignedUserIds: [w.lea.id],
  })
  // 40 holders: the details page shows the first few, the licences page all of them.
  const people = await Promise.all(
    Array.from({ length: 39 }, (_, i) =>
      aUser(db, w.org.id, { displayName: `Person ${String(i + 1).padStart(2, '0')}` }),
    ),
  )
  w.big = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.claire.id,
    productId: w.tools.id,
    at: new Date('2026-11-10T00:00:00Z'),
    quantity: 50,
    assignedUserIds: [w.claire.id, ...people.map((u) => u.id)],
  })
  w.disabled = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.claire.id,
    productId: w.tools.id,
    at: new Date('2026-10-01T00:00:00Z'),
    status: 'disabled',
    quantity: 2,
    assignedUserIds: [w.claire.id],
  })
})
afterAll(() => database.close())

async function signedIn(email: string, lang: 'en' | 'fr' = 'en') {
  const agent = new Agent(app)
  await agent.signIn(email, PASSWORD)
  await agent.post('/language', { lang })
  return agent
}

describe('two subscriptions of one product', () => {
  it('read apart on Your products: each row says when it was bought and its term', async () => {
    const html = await (await (await signedIn('lea@example.test')).get('/billing/products')).text()
    expect(tableRows(html).map(([product, licenses, status]) => [product, licenses, status])).toEqual([
      ['Developer Toolkit Purchased 2 March 2026 · annual term', '1 of 3', 'Active'],
      ['Developer Toolkit Purchased 10 November 2026 · monthly term', '1 of 3', 'Active'],
    ])
    // A screen reader's list of links holds two "Developer Toolkit": each link is described by its line.
    for (const id of [w.monthly.id, w.annual.id]) {
      expect(html).toContain(`href="/billing/products/${id}" aria-describedby="about-${id}"`)
      expect(html).toMatch(new RegExp(`id="about-${id}">Purchased \\d+ \\w+ 2026 · \\w+ term<`))
      // …and so is each row's ⋯ button.
      expect(html).toContain(`<summary aria-describedby="about-${id}">`)
    }
  })

  it('read apart in French too', async () => {
    const html = await (await (await signedIn('lea@example.test', 'fr')).get('/billing/products')).text()
    expect(tableRows(html).map(([product]) => product)).toEqual([
      'Boîte à outils Acheté le 2 mars 2026 · abonnement annuel',
      'Boîte à outils Acheté le 10 novembre 2026 · abonnement mensuel',
    ])
  })

  it('read apart on the Licenses list, with the same status badges as Your products', async () => {
    const html = await (await (await signedIn('lea@example.test')).get('/billing/licenses')).text()
    expect(tableRows(html)).toEqual([
      ['Developer Toolkit Purchased 2 March 2026 · annual term', 'Active', '1', '2', '3'],
      ['Developer Toolkit Purchased 10 November 2026 · monthly term', 'Active', '1', '2', '3'],
    ])
    expect(html).toContain(`href="/billing/licenses/${w.monthly.id}" aria-describedby="about-${w.monthly.id}"`)
  })
})

describe('status badges', () => {
  it('are the same on the Licenses list as on Your products', async () => {
    const agent = await signedIn('claire@example.test')
    const badge = (html: string) => html.match(/<span class="badge badge--disabled">[^<]*<\/span>/g)
    const products = await (await agent.get('/billing/products')).text()
    const licenses = await (await agent.get('/billing/licenses')).text()
    expect(badge(products)).toEqual(['<span class="badge badge--disabled">Disabled</span>'])
    expect(badge(licenses)).toEqual(badge(products))
    expect(licenses).toContain('<span class="badge badge--active">Active</span>')
  })
})

describe('the assigned users on the details page', () => {
  it('shows the first five of 40, how many more, and a link to view all and assign', async () => {
    const html = await (await (await signedIn('claire@example.test')).get(`/billing/products/${w.big.id}`)).text()
    const names = tableRows(html).map(([name]) => name)
    expect(names).toEqual(['Claire Petit', 'Person 01', 'Person 02', 'Person 03', 'Person 04'])
    const text = textOf(html)
    expect(text).toContain('Assigned licenses 40')
    expect(text).toMatch(/…and 35 more( users)?\. View all and assign/)
    expect(html).toContain(`<a href="/billing/licenses/${w.big.id}">View all and assign</a>`)
    // The licences page it opens lists them all (a page at a time) and assigns.
    const all = textOf(
      await (await (await signedIn('claire@example.test')).get(`/billing/licenses/${w.big.id}`)).text(),
    )
    expect(all).toContain('Person 24')
    expect(all).toContain('Assign licenses')
  })

  it('says it in French', async () => {
    const agent = await signedIn('claire@example.test', 'fr')
    const html = await (await agent.get(`/billing/products/${w.big.id}`)).text()
    expect(html).toContain(`<a href="/billing/licenses/${w.big.id}">Tout afficher et attribuer</a>`)
  })

  it('offers only to view them when licences cannot be assigned (a disabled subscription)', async () => {
    const html = await (await (await signedIn('claire@example.test')).get(`/billing/products/${w.disabled.id}`)).text()
    expect(html).toContain(`<a href="/billing/licenses/${w.disabled.id}">View all assigned users</a>`)
    expect(textOf(html)).not.toContain('View all and assign')
  })
})
