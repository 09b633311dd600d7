import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { subscriptions } from '../../src/db/schema/index'
import { aBillingProfile, aCardOnFile, anOrganization, aProduct, aSubscription, aUser } from '../builders/index'
import { PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { testDeps } from '../support/deps'
import { Agent, testApp, textOf } from '../support/http'

let database: Database
const clock = fixedClock('2026-11-25T10:00:00Z')
let app: ReturnType<typeof testApp>
/** The same app behind a proxy we trust (TRUST_PROXY=1), which says whether the browser used https. */
let proxied: ReturnType<typeof testApp>
const w = {} as Record<string, { id: string }>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, clock)
  const config = { trustProxy: true, env: 'test', regionAdminUrl: undefined } as const
  proxied = createApp({ ...testDeps(database, clock), database, config })
  const { db } = database
  const org = await anOrganization(db)
  const lea = await aUser(db, org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  const people = []
  for (let i = 1; i <= 30; i++) {
    people.push(await aUser(db, org.id, { displayName: `Person ${String(i).padStart(2, '0')}` }))
  }
  const product = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3' })
  const profile = await aBillingProfile(db, lea)
  const card = await aCardOnFile(db, lea)
  w.sub = await aSubscription(db, {
    orgId: org.id,
    purchaserId: lea.id,
    productId: product.id,
    billingProfileId: profile.id,
    paymentMethodId: card.id,
    quantity: 40,
    at: new Date('2026-11-05T00:00:00Z'),
    assignedUserIds: people.map((p) => p.id),
  })
})
afterAll(() => database.close())

async function signedIn(): Promise<Agent> {
  const agent = new Agent(app)
  await agent.signIn('lea@example.test', PASSWORD)
  return agent
}

/** A POST with any body and type, carrying the agent's cookies (Agent.post always sends a form). */
async function rawPost(agent: Agent, path: string, body: BodyInit, headers: Record<string, string>): Promise<Response> {
  const cookie = ['ss_session', 'ss_csrf'].map((name) => `${name}=${agent.cookie(name) ?? ''}`).join('; ')
  return await app.request(path, { method: 'POST', body, headers: { ...headers, cookie } })
}

const autoRenew = async () =>
  (await database.db.select().from(subscriptions).where(eq(subscriptions.id, w.sub!.id)))[0]!.autoRenew

describe('the page number of a list', () => {
  it('shows page 1 for a page that is not a whole number from 1', async () => {
    const agent = await signedIn()
    for (const page of ['1.5', '-1', 'abc', '0', '1e400', '99999999999999999999', '']) {
      const res = await agent.get(`/billing/licenses/${w.sub!.id}?page=${encodeURIComponent(page)}`)
      expect(res.status, `?page=${page}`).toBe(200)
      const text = textOf(await res.text())
      expect(text, `?page=${page}`).toContain('Page 1 of 2')
      expect(text, `?page=${page}`).toContain('Person 01')
    }
    expect(textOf(await (await agent.get(`/billing/licenses/${w.sub!.id}?page=2`)).text())).toContain('Page 2 of 2')
  })
})

describe('a POST that is not a form', () => {
  it('is refused with a 415 page before CSRF, and recurring billing stays on', async () => {
    const agent = await signedIn()
    const token = await agent.csrfToken()
    const url = `/billing/products/${w.sub!.id}/auto-renew`
    const send = (body: string, type?: string) =>
      rawPost(agent, url, body, { 'x-csrf-token': token, ...(type ? { 'content-type': type } : {}) })
    const json = await send(JSON.stringify({ on: 'false', _csrf: token }), 'application/json')
    expect(json.status).toBe(415)
    expect(textOf(await json.text())).toContain('The request was not a form')
    expect((await send(`on=false&_csrf=${token}`, 'text/plain')).status).toBe(415)
    expect((await send(`on=false&_csrf=${token}`, 'application/x-www-form-urlencoded-not')).status).toBe(415)
    expect((await send(`on=false&_csrf=${token}`)).status).toBe(415)
    expect(await autoRenew()).toBe(true)
  })

  it('says so in French too', async () => {
    const agent = new Agent(app)
    const res = await rawPost(agent, '/login', '{}', { 'content-type': 'application/json', 'accept-language': 'fr' })
    expect(res.status).toBe(415)
    expect(textOf(await res.text())).toContain('La demande n’était pas un formulaire')
  })

  it('lets a multipart form through', async () => {
    const agent = await signedIn()
    const form = new FormData()
    form.append('_csrf', await agent.csrfToken())
    form.append('on', 'true')
    const res = await rawPost(agent, `/billing/products/${w.sub!.id}/auto-renew`, form, {})
    expect(res.status).toBe(303)
  })
})

describe('a POST from an opaque origin', () => {
  it('is refused with a 403 for Origin: null, and nothing changes', async () => {
    const agent = await signedIn()
    const res = await agent.post(`/billing/products/${w.sub!.id}/auto-renew`, { on: 'false' }, { origin: 'null' })
    expect(res.status).toBe(403)
    expect(await autoRenew()).toBe(true)
  })
})

describe('over https', () => {
  const https = { 'x-forwarded-proto': 'https' }

  it('sends HSTS and names every cookie __Host-, Secure, Path=/ and with no Domain', async () => {
    const agent = new Agent(proxied, https)
    const login = await agent.get('/login')
    expect(login.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    const token = agent.cookie('__Host-ss_csrf')!
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const language = await agent.post('/language', { _csrf: token, lang: 'fr' })
    const signIn = await agent.post('/login', { _csrf: token, email: 'lea@example.test', password: PASSWORD })
    expect(signIn.status).toBe(303)
    const cookies = [login, language, signIn].flatMap((res) => res.headers.getSetCookie())
    const names = cookies.map((c) => c.split('=')[0])
    expect(new Set(names)).toEqual(new Set(['__Host-ss_csrf', '__Host-ss_lang', '__Host-ss_session']))
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; Secure/)
      expect(cookie).toMatch(/; Path=\//)
      expect(cookie).not.toMatch(/Domain=/i)
    }
    const page = await agent.get('/billing/products')
    expect(page.status).toBe(200)
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
  })

  it('reads only the cookie named for the scheme of the request', async () => {
    const plain = await signedIn()
    const session = plain.cookie('ss_session')!
    const headers = { ...https, cookie: `ss_session=${session}` }
    const asHttps = await proxied.request('/billing/products', { headers })
    expect(asHttps.status).toBe(303)
    const prefixed = await app.request('/billing/products', { headers: { cookie: `__Host-ss_session=${session}` } })
    expect(prefixed.status).toBe(303)
    expect((await plain.get('/billing/products')).status).toBe(200)
  })
})

describe('over plain http', () => {
  it('sends no HSTS and keeps the plain cookie names, even with an untrusted X-Forwarded-Proto', async () => {
    for (const agent of [new Agent(proxied), new Agent(app, { 'x-forwarded-proto': 'https' })]) {
      const login = await agent.get('/login')
      expect(login.headers.get('strict-transport-security')).toBeNull()
      const signIn = await agent.post('/login', { email: 'lea@example.test', password: PASSWORD })
      const names = [...login.headers.getSetCookie(), ...signIn.headers.getSetCookie()].map((c) => c.split('=')[0])
      expect(names.sort()).toEqual(['ss_csrf', 'ss_csrf', 'ss_session'])
    }
  })
})
