import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'

const now = new Date('2026-11-25T10:00:00Z')
let database: Database
let app: ReturnType<typeof testApp>
const ids: Record<string, string> = {}

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock(now))
  const { db } = database
  const org = await anOrganization(db)
  const other = await anOrganization(db)
  const lea = await aUser(db, org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  const hostile = await aUser(db, org.id, {
    email: 'h@example.test',
    displayName: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  })
  await aUser(db, org.id, { email: 'guest@partner.test', kind: 'guest' })
  await aUser(db, org.id, { email: 'admin@example.test', role: 'admin' })
  const stranger = await aUser(db, other.id, { email: 'stranger@other.test' })
  const project = await aProduct(db, {
    code: 'PROJ-P3',
    nameEn: 'Project Plan 3',
    nameFr: 'Project Plan 3 (fr)',
    monthlyPrice: 2500,
  })
  const visio = await aProduct(db, { code: 'VISIO-P2', nameEn: 'Visio Plan 2', nameFr: 'Visio Plan 2 (fr)' })
  ids.org = org.id
  ids.project = project.id
  const start = new Date('2026-11-10T00:00:00Z')
  ids.active = (
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: lea.id,
      productId: project.id,
      at: start,
      quantity: 3,
      unitPrice: 2500,
      assignedUserIds: [lea.id, hostile.id],
    })
  ).id
  ids.trial = (
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: lea.id,
      productId: visio.id,
      at: start,
      status: 'trial',
      startedAsTrial: true,
      quantity: 25,
      trialEndsAt: new Date('2026-12-10T00:00:00Z'),
    })
  ).id
  ids.expired = (
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: lea.id,
      productId: visio.id,
      at: new Date('2026-09-01T00:00:00Z'),
      status: 'expired',
    })
  ).id
  ids.strangers = (
    await aSubscription(db, { orgId: other.id, purchaserId: stranger.id, productId: project.id, at: start })
  ).id
  ids.colleagues = (
    await aSubscription(db, { orgId: org.id, purchaserId: hostile.id, productId: project.id, at: start })
  ).id
})
afterAll(() => database.close())

async function signedIn(email: string) {
  const agent = new Agent(app)
  await agent.signIn(email, PASSWORD)
  return agent
}

describe('Your products', () => {
  it('lists the signed-in user’s own subscriptions with licences, status, date and price', async () => {
    const res = await (await signedIn('lea@example.test')).get('/billing/products')
    expect(res.status).toBe(200)
    const html = await res.text()
    // Exactly the active and the expired subscription: the running trial is on its own tab.
    expect(tableRows(html).map(([product, licenses, status]) => [product, licenses, status])).toEqual([
      ['Project Plan 3 Purchased 10 November 2026 · monthly term', '2 of 3', 'Active'],
      ['Visio Plan 2 Purchased 1 September 2026 · monthly term', '0 of 10', 'Expired'],
    ])
    const text = textOf(html)
    expect(text).toContain('Renews 10 December 2026')
    expect(text).toContain('€25.00 license/month')
  })

  it('shows trials on the Self-service trials tab with their end date', async () => {
    const html = await (await (await signedIn('lea@example.test')).get('/billing/products?tab=trials')).text()
    expect(tableRows(html).map(([product, licenses, status]) => [product, licenses, status])).toEqual([
      ['Visio Plan 2 Trial started 10 November 2026', '0 of 25', 'Trial'],
    ])
    expect(textOf(html)).toContain('Trial ends 10 December 2026')
  })

  it('filters by status through the query string', async () => {
    const html = await (await (await signedIn('lea@example.test')).get('/billing/products?status=expired')).text()
    expect(textOf(html)).toContain('1 subscription')
    expect(tableRows(html).map(([product, , status]) => [product, status])).toEqual([
      ['Visio Plan 2 Purchased 1 September 2026 · monthly term', 'Expired'],
    ])
  })

  it('answers an htmx filter with only the results and a status message', async () => {
    const res = await (await signedIn('lea@example.test')).get('/billing/products?status=active', {
      'hx-request': 'true',
      'hx-request-type': 'partial',
    })
    const html = await res.text()
    expect(html.startsWith('<div id="products-results"')).toBe(true)
    expect(html).not.toContain('<html')
    expect(html).toContain('<hx-partial hx-target="#status" hx-swap="innerHTML">1 subscription</hx-partial>')
  })

  it('pages a long list with Previous and Next links that keep the filter, without JavaScript', async () => {
    const { db } = database
    const buyer = await aUser(db, ids.org!, { email: 'many@example.test' })
    for (let i = 0; i < 27; i++)
      await aSubscription(db, {
        orgId: ids.org!,
        purchaserId: buyer.id,
        productId: ids.project!,
        at: new Date(Date.UTC(2026, 9, 1 + i)),
      })
    const agent = await signedIn('many@example.test')
    const first = await (await agent.get('/billing/products?scope=all')).text()
    expect(textOf(first)).toContain('27 subscriptions')
    expect(tableRows(first)).toHaveLength(25)
    expect(textOf(first)).toContain('Page 1 of 2')
    expect(first).toContain('href="/billing/products?scope=all&amp;page=2" rel="next"')
    const second = await (await agent.get('/billing/products?scope=all&page=2')).text()
    expect(tableRows(second).map(([product]) => product)).toEqual([
      'Project Plan 3 Purchased 26 October 2026 · monthly term',
      'Project Plan 3 Purchased 27 October 2026 · monthly term',
    ])
    expect(second).toContain('href="/billing/products?scope=all" rel="prev"')
  })

  it('falls back to the defaults for unknown filter values', async () => {
    expect((await (await signedIn('lea@example.test')).get('/billing/products?status=bogus&tab=x')).status).toBe(200)
  })

  it('shows an empty state with a link to Purchase services', async () => {
    const html = await (await (await signedIn('admin@example.test')).get('/billing/products')).text()
    expect(textOf(html)).toContain('You have no subscriptions here yet.')
    expect(html).toContain('href="/billing/purchase"')
  })

  it('speaks French for a French user, with French money and dates', async () => {
    // A user of its own: French stays on the user, and no other test should inherit it.
    const { db } = database
    const claire = await aUser(db, ids.org!, { displayName: 'Claire Petit' })
    const colleague = await aUser(db, ids.org!)
    await aSubscription(db, {
      orgId: ids.org!,
      purchaserId: claire.id,
      productId: ids.project!,
      at: new Date('2026-11-10T00:00:00Z'),
      quantity: 3,
      unitPrice: 2500,
      assignedUserIds: [claire.id, colleague.id],
    })
    const agent = await signedIn(claire.email)
    await agent.post('/language', { lang: 'fr' })
    const text = textOf(await (await agent.get('/billing/products')).text())
    expect(text).toContain('Vos produits')
    expect(text).toContain('Project Plan 3 (fr)')
    expect(text).toContain('2 sur 3')
    expect(text).toContain('Renouvellement le 10 décembre 2026')
    expect(text).toMatch(/25,00\s€ licence\/mois/)
  })
})

describe('subscription details', () => {
  it('shows every field and the assigned users', async () => {
    const text = textOf(
      await (await (await signedIn('lea@example.test')).get(`/billing/products/${ids.active}`)).text(),
    )
    expect(text).toContain('Total licenses 3')
    expect(text).toContain('Assigned licenses 2')
    expect(text).toContain('Available licenses 1')
    expect(text).toContain('Léa Martin')
    expect(text).toContain('Recurring billing On')
  })

  it('renders hostile user names as text', async () => {
    const html = await (await (await signedIn('lea@example.test')).get(`/billing/products/${ids.active}`)).text()
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
  })

  it('answers 404 for another organization’s subscription, a colleague’s, and a malformed id', async () => {
    const agent = await signedIn('lea@example.test')
    for (const id of [ids.strangers, ids.colleagues, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await agent.get(`/billing/products/${id}`)
      expect(res.status).toBe(404)
      expect(textOf(await res.text())).toContain('Page not found')
    }
  })
})

describe('navigation', () => {
  it('offers Purchase services to members but not to guests', async () => {
    const member = await (await (await signedIn('lea@example.test')).get('/billing/products')).text()
    const guest = await (await (await signedIn('guest@partner.test')).get('/billing/products')).text()
    expect(member).toContain('href="/billing/purchase"')
    expect(guest).not.toContain('Purchase services')
    expect(textOf(guest)).not.toContain('Browse Purchase services')
  })

  it('shows Admin to admins only', async () => {
    expect(await (await (await signedIn('admin@example.test')).get('/billing/products')).text()).toContain(
      'href="/admin/self-service"',
    )
    expect(await (await (await signedIn('lea@example.test')).get('/billing/products')).text()).not.toContain(
      'href="/admin/self-service"',
    )
    expect((await (await signedIn('lea@example.test')).get('/admin/self-service')).status).toBe(404)
  })
})
