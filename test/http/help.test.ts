import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { supportRequests } from '../../src/db/schema/index'
import {
  CANCEL_REFUND_WINDOW_DAYS,
  DISABLED_DAYS,
  EXPIRED_DAYS,
  REMOVAL_WINDOW_DAYS,
  TRIAL_DAYS,
  TRIAL_LICENSES,
  TRIAL_REMINDER_DAYS,
} from '../../src/rules'
import { MAX_ASSIGN_AT_ONCE } from '../../src/services/licenses/assign-licenses'
import { anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { testDeps } from '../support/deps'
import { Agent, tableRows, testApp, textOf } from '../support/http'

const now = new Date('2026-11-25T10:00:00Z')
const REGION = 'https://admin.region.example/portal?tenant=a&b=1'
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
  const tom = await aUser(db, org.id, { email: 'tom@example.test', displayName: 'Tom Dubois' })
  await aUser(db, org.id, { email: 'guest@partner.test', kind: 'guest', displayName: 'Gus Guest' })
  await aUser(db, org.id, { email: 'admin@example.test', role: 'admin', displayName: 'Ada Admin' })
  await aUser(db, org.id, { email: 'admin-fr@example.test', role: 'admin', language: 'fr' })
  await aUser(db, other.id, { email: 'admin@other.test', role: 'admin' })
  const product = await aProduct(db, { nameEn: 'Project Plan 3', nameFr: 'Planification de projets 3' })
  const at = new Date('2026-11-10T00:00:00Z')
  ids.leaSub = (await aSubscription(db, { orgId: org.id, purchaserId: lea.id, productId: product.id, at })).id
  ids.tomSub = (await aSubscription(db, { orgId: org.id, purchaserId: tom.id, productId: product.id, at })).id
})
afterAll(() => database.close())

async function as(email: string, a = app): Promise<Agent> {
  const agent = new Agent(a)
  await agent.signIn(email, PASSWORD)
  return agent
}

/** Files a request as a plain form would, and answers where it went. */
async function file(agent: Agent, form: Record<string, string>) {
  return agent.post('/help/contact', { subject: 'A subject', message: 'A message', subscription: '', ...form })
}

const errorSummaryLinks = (html: string) =>
  [...html.matchAll(/<div class="error-summary"[\s\S]*?<\/div>/g)].flatMap((m) =>
    [...m[0].matchAll(/<a href="#([\w-]+)">([^<]*)<\/a>/g)].map((a) => `${a[1]}: ${a[2]}`),
  )

describe('Help', () => {
  it('sends a visitor to sign in first, and back to the page after', async () => {
    for (const path of ['/help', '/help/contact', '/help/requests', '/help/requests?all=1']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location'), path).toBe(`/login?next=${encodeURIComponent(path)}`)
    }
  })

  it('shows the FAQ to a member, a guest and an admin, with Contact support; admins also get their pages', async () => {
    for (const email of ['lea@example.test', 'guest@partner.test', 'admin@example.test']) {
      const res = await (await as(email)).get('/help')
      expect(res.status, email).toBe(200)
      const html = await res.text()
      const text = textOf(html)
      for (const heading of ['Who can buy', 'Paying and invoices', 'Licenses', 'Cancelling and refunds', 'Trials'])
        expect(text, email).toContain(heading)
      expect(html).toContain('href="/help/contact"')
      expect(html).toContain('href="/help#cancelling"')
      expect(html).toContain('aria-current="page"')
      const isAdmin = email.startsWith('admin')
      expect(html.includes('href="/admin/self-service/policy"'), email).toBe(isAdmin)
      expect(html.includes('href="/help/requests?all=1"'), email).toBe(isAdmin)
      // A guest has no billing pages: the answer names them without a link that would be a 404.
      expect(html.includes('href="/billing/invoices"'), email).toBe(!email.startsWith('guest'))
      expect(text).not.toContain('not available yet')
    }
  })

  it('states the rules as the services apply them', async () => {
    const text = textOf(await (await (await as('lea@example.test')).get('/help')).text())
    expect(REMOVAL_WINDOW_DAYS).toBe(CANCEL_REFUND_WINDOW_DAYS)
    expect(text).toContain(`Within ${CANCEL_REFUND_WINDOW_DAYS} days of the start of the term, cancelling ends`)
    expect(text).toContain(`For ${EXPIRED_DAYS} days its users keep access`)
    expect(text).toContain(`disabled for ${DISABLED_DAYS} days`)
    expect(text).toContain(`A trial lasts ${TRIAL_DAYS} days with ${TRIAL_LICENSES} licenses`)
    expect(text).toContain(`${TRIAL_REMINDER_DAYS} days before a trial ends`)
    expect(text).toContain(`pick up to ${MAX_ASSIGN_AT_ONCE} people at a time`)
  })

  it('is in French for a French reader', async () => {
    const text = textOf(await (await (await as('admin-fr@example.test')).get('/help')).text())
    expect(text).toContain('Résiliation et remboursements')
    expect(text).toContain('Contacter le support')
  })
})

describe('the region’s admin-center tip', () => {
  const withRegion = () =>
    createApp({
      ...testDeps(database, fixedClock(now)),
      database,
      config: { trustProxy: false, env: 'test', regionAdminUrl: REGION },
    })

  it('is shown on Help and Your products, with the link, in English and French, once set', async () => {
    const regional = withRegion()
    const cases = [
      ['lea@example.test', 'manage it from your region’s admin center:'],
      // textOf turns the no-break space before the colon into a space.
      ['admin-fr@example.test', 'gérez-la depuis le centre d’administration de votre région :'],
    ] as const
    for (const [email, words] of cases) {
      const agent = await as(email, regional)
      for (const path of ['/help', '/billing/products']) {
        const html = await (await agent.get(path)).text()
        expect(textOf(html), `${email} ${path}`).toContain(words)
        expect(html, `${email} ${path}`).toContain(`<a href="${REGION.replace(/&/g, '&amp;')}">`)
      }
    }
  })

  it('is not shown at all when it is unset', async () => {
    const agent = await as('lea@example.test')
    for (const path of ['/help', '/billing/products']) {
      const html = await (await agent.get(path)).text()
      expect(html, path).not.toContain('region-tip')
      expect(textOf(html), path).not.toContain('admin center')
    }
    const fr = await as('admin-fr@example.test')
    expect(textOf(await (await fr.get('/help')).text())).not.toContain('centre d’administration de votre région')
  })
})

describe('Contact support', () => {
  it('opens as a page without JavaScript, as a pane with htmx, offering the user’s own subscriptions', async () => {
    const lea = await as('lea@example.test')
    const page = await (await lea.get('/help/contact')).text()
    expect(page).toContain('<h1 id="pane-title"')
    expect(page).toContain(`value="${ids.leaSub}"`)
    expect(page).not.toContain(ids.tomSub)
    const pane = await lea.get('/help/contact', { 'hx-request': 'true' })
    const html = await pane.text()
    expect(html).toContain('<div id="pane" class="pane-slot">')
    expect(html).not.toContain('<html')
    // A guest bought nothing: there is no subscription to choose.
    const guest = await (await (await as('guest@partner.test')).get('/help/contact')).text()
    expect(guest).not.toContain('name="subscription"')
  })

  it('files a request: 303 to the list, which shows it with its status and says so in the live region', async () => {
    const lea = await as('lea@example.test')
    const res = await file(lea, { subject: 'Invoice missing', subscription: ids.leaSub! })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/help/requests')
    const html = await (await lea.get('/help/requests')).text()
    expect(html).toMatch(/<div id="status"[^>]*>Your support request “Invoice missing” was sent\. Its status is Open\./)
    expect(tableRows(html)).toEqual([['Invoice missing', '25 November 2026', 'Project Plan 3', 'Open']])
  })

  it('with htmx, closes the pane and sends the page to the list', async () => {
    const lea = await as('lea@example.test')
    const res = await lea.post('/help/contact', { subject: 'From the pane', message: 'Hi' }, { 'hx-request': 'true' })
    expect(res.status).toBe(200)
    expect(res.headers.get('hx-redirect')).toBe('/help/requests')
    expect(await res.text()).toContain('<div id="pane" class="pane-slot"></div>')
    expect(textOf(await (await lea.get('/help/requests')).text())).toContain('“From the pane” was sent')
  })

  it('refuses empty and too long fields: 422, the error summary linked to each field, text kept', async () => {
    const lea = await as('lea@example.test')
    const empty = await file(lea, { subject: '  ', message: '' })
    expect(empty.status).toBe(422)
    const html = await empty.text()
    expect(errorSummaryLinks(html)).toEqual(['subject: Enter a subject', 'message: Enter a message'])
    expect(html).toContain('<title>Error: Contact support')
    expect(html).toContain('aria-describedby="subject-hint subject-error"')

    const long = await file(lea, { subject: 'S'.repeat(201), message: 'Kept <b>as typed</b>\r\nline 2' })
    expect(long.status).toBe(422)
    const kept = await long.text()
    expect(errorSummaryLinks(kept)).toEqual(['subject: Enter a subject of at most 200 characters'])
    expect(kept).toContain(`value="${'S'.repeat(201)}"`)
    expect(kept).toContain('Kept &lt;b&gt;as typed&lt;/b&gt;\r\nline 2</textarea>')

    const fr = await as('admin-fr@example.test')
    const tooLong = await file(fr, { message: 'x'.repeat(5001) })
    expect(errorSummaryLinks(await tooLong.text())).toEqual([
      'message: Saisissez un message de 5\u202f000 caractères au maximum',
    ])
  })

  it('refuses someone else’s subscription with 422 and stores nothing', async () => {
    const lea = await as('lea@example.test')
    const before = (await database.db.select().from(supportRequests)).length
    for (const subscription of [ids.tomSub!, 'not-a-uuid']) {
      const res = await file(lea, { subject: 'Sneaky', subscription })
      expect(res.status).toBe(422)
      expect(errorSummaryLinks(await res.text())).toEqual(['subscription: Choose one of your subscriptions, or None'])
    }
    expect((await database.db.select().from(supportRequests)).length).toBe(before)
  })

  it('with htmx, answers a refusal with the pane and its error summary (422)', async () => {
    const lea = await as('lea@example.test')
    const res = await lea.post('/help/contact', { subject: '', message: 'x' }, { 'hx-request': 'true' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<div id="pane" class="pane-slot">')
    expect(errorSummaryLinks(html)).toEqual(['subject: Enter a subject'])
  })

  it('escapes a hostile subject and message everywhere it is shown', async () => {
    const lea = await as('lea@example.test')
    const subject = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    await file(lea, { subject, message: '<iframe src="javascript:alert(3)">' })
    const [row] = await database.db.select().from(supportRequests).where(eq(supportRequests.subject, subject))
    const admin = await as('admin@example.test')
    const pages = [
      await (await lea.get('/help/requests')).text(),
      await (await admin.get('/help/requests?all=1')).text(),
      await (await lea.get(`/help/requests/${row!.id}`)).text(),
    ]
    for (const html of pages) {
      expect(html).not.toContain('<script>alert')
      expect(html).not.toContain('<img src=x')
      expect(html).not.toContain('<iframe')
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
    }
  })
})

describe('support requests', () => {
  let leaRequest = ''

  beforeAll(async () => {
    const tom = await as('tom@example.test')
    await file(tom, { subject: 'Tom needs help' })
    const lea = await as('lea@example.test')
    await file(lea, { subject: 'Léa needs help' })
    const [row] = await database.db.select().from(supportRequests).where(eq(supportRequests.subject, 'Léa needs help'))
    leaRequest = row!.id
  })

  it('lists only the user’s own requests', async () => {
    const rows = tableRows(await (await (await as('tom@example.test')).get('/help/requests')).text())
    expect(rows.map((r) => r[0])).toEqual(['Tom needs help'])
  })

  it('shows admins every request of the organization with who sent it; others get 404 for that view', async () => {
    const html = await (await (await as('admin@example.test')).get('/help/requests?all=1')).text()
    const rows = tableRows(html)
    expect(rows.map((r) => r.slice(0, 2))).toEqual(
      expect.arrayContaining([
        ['Tom needs help', 'Tom Dubois tom@example.test'],
        ['Léa needs help', 'Léa Martin lea@example.test'],
      ]),
    )
    expect(html).toContain('Support requests of your organization')
    for (const email of ['lea@example.test', 'guest@partner.test'])
      expect((await (await as(email)).get('/help/requests?all=1')).status, email).toBe(404)
    const other = await (await (await as('admin@other.test')).get('/help/requests?all=1')).text()
    expect(tableRows(other)).toEqual([])
  })

  it('opens a request for its requester and the organization’s admins; anyone else gets 404', async () => {
    const page = await (await as('lea@example.test')).get(`/help/requests/${leaRequest}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(textOf(html)).toContain('Léa needs help')
    expect(html).not.toContain('Mark resolved')
    expect((await (await as('admin@example.test')).get(`/help/requests/${leaRequest}`)).status).toBe(200)
    for (const email of ['tom@example.test', 'guest@partner.test', 'admin@other.test'])
      expect((await (await as(email)).get(`/help/requests/${leaRequest}`)).status, email).toBe(404)
    expect((await (await as('lea@example.test')).get('/help/requests/nope')).status).toBe(404)
  })

  it('lets an admin mark a request resolved (303, said in the live region); the requester sees it', async () => {
    const admin = await as('admin@example.test')
    const res = await admin.post(`/help/requests/${leaRequest}/resolve`, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/help/requests/${leaRequest}`)
    const html = await (await admin.get(`/help/requests/${leaRequest}`)).text()
    expect(html).toMatch(/<div id="status"[^>]*>Request marked resolved\./)
    expect(textOf(html)).toContain('Reopen')
    const lea = await as('lea@example.test')
    const rows = tableRows(await (await lea.get('/help/requests?status=closed')).text())
    expect(rows.map((r) => [r[0], r[3]])).toEqual([['Léa needs help', 'Resolved']])
    expect(textOf(await (await lea.get(`/help/requests/${leaRequest}`)).text())).toContain(
      '25 November 2026, by Ada Admin',
    )
  })

  it('tells an admin who resolves it again that it already is (422), and reopens it with htmx in place', async () => {
    const admin = await as('admin@example.test')
    const again = await admin.post(`/help/requests/${leaRequest}/resolve`, {})
    expect(again.status).toBe(422)
    expect(errorSummaryLinks(await again.text())).toEqual(['support-request: This request was already resolved.'])
    const reopened = await admin.post(`/help/requests/${leaRequest}/reopen`, {}, { 'hx-request': 'true' })
    expect(reopened.status).toBe(200)
    const part = await reopened.text()
    expect(part).toContain('<div id="support-request">')
    expect(part).toContain('Mark resolved')
    expect(part).toContain('Request reopened.')
    expect(part).not.toContain('<html')
  })

  it('refuses Mark resolved to the requester, a member and another tenant’s admin (404), nothing changed', async () => {
    for (const email of ['lea@example.test', 'tom@example.test', 'admin@other.test']) {
      const res = await (await as(email)).post(`/help/requests/${leaRequest}/resolve`, {})
      expect(res.status, email).toBe(404)
    }
    const [row] = await database.db.select().from(supportRequests).where(eq(supportRequests.id, leaRequest))
    expect(row?.status).toBe('open')
  })

  it('filters by status and keeps the filter in the URL, with htmx swapping only the results', async () => {
    const admin = await as('admin@example.test')
    const open = tableRows(await (await admin.get('/help/requests?all=1&status=open')).text())
    expect(open.every((r) => r.at(-1) === 'Open')).toBe(true)
    const part = await admin.get('/help/requests?all=1&status=closed', { 'hx-request': 'true' })
    const html = await part.text()
    expect(html).toContain('<div id="support-requests-results">')
    expect(html).not.toContain('<html')
    expect(html).toContain('requests</hx-partial>')
  })
})
