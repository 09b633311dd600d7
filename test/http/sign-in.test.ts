import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { signInAttempts } from '../../src/db/schema/index'
import { MAX_FAILURES_PER_IP } from '../../src/services/auth/sign-in'
import { anOrganization, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, testApp, textOf } from '../support/http'

let database: Database
const clock = fixedClock('2026-11-25T10:00:00Z')
let app: ReturnType<typeof testApp>
let email: string

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, clock)
  const org = await anOrganization(database.db)
  email = (await aUser(database.db, org.id, { email: 'ada@example.test', displayName: 'Ada' })).email
})
afterAll(() => database.close())
// Sign-in failures count per minute, per account and per address, and every request through
// app.request() comes from the same address ('unknown'): each test starts a minute after the
// last, so no test inherits another's failures whatever the order.
beforeEach(() => clock.advanceDays(1 / 24 / 60 + 0.00001))

describe('signing in', () => {
  it('sends a visitor to the sign-in page and back to the page asked for', async () => {
    const agent = new Agent(app)
    const first = await agent.get('/billing/products?tab=trials')
    expect(first.status).toBe(303)
    expect(first.headers.get('location')).toBe('/login?next=%2Fbilling%2Fproducts%3Ftab%3Dtrials')
    const res = await agent.post('/login', { email, password: PASSWORD, next: '/billing/products?tab=trials' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/billing/products?tab=trials')
    expect((await agent.get('/billing/products?tab=trials')).status).toBe(200)
  })

  it('tells htmx to redirect instead of swapping the sign-in page into a fragment', async () => {
    const res = await new Agent(app).get('/billing/products', { 'hx-request': 'true' })
    expect(res.headers.get('hx-redirect')).toBe('/login?next=%2Fbilling%2Fproducts')
  })

  it('sets an HttpOnly, SameSite=Lax session cookie, Secure and named __Host- only over https', async () => {
    const agent = new Agent(app)
    const res = await agent.signIn(email, PASSWORD)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('ss_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).not.toMatch(/Secure/)
    const login = await app.request('https://selfserve.example/login')
    const token = /__Host-ss_csrf=([^;]+)/.exec(login.headers.getSetCookie().join('\n'))![1]!
    const secure = await app.request('https://selfserve.example/login', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `__Host-ss_csrf=${token}` },
    })
    expect(secure.status).toBe(303)
    const session = secure.headers.getSetCookie().find((c) => c.startsWith('__Host-ss_session='))
    expect(session).toMatch(/; Secure/)
    expect(session).toMatch(/; Path=\//)
    expect(session).not.toMatch(/Domain=/)
  })

  it('answers a wrong password and an unknown email with the same generic message and a 401', async () => {
    const wrong = await new Agent(app).post('/login', { email, password: 'nope' })
    const unknown = await new Agent(app).post('/login', { email: 'nobody@example.test', password: 'nope' })
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401)
      const text = textOf(await res.text())
      expect(text).toContain('The email or password is incorrect.')
      expect(text).toContain('There is a problem')
    }
  })

  it('keeps the email but never echoes the password after a failure', async () => {
    const res = await new Agent(app).post('/login', { email, password: 'S3cret-typed-password' })
    const html = await res.text()
    expect(html).toContain('value="ada@example.test"')
    expect(html).not.toContain('S3cret-typed-password')
  })

  it('asks for missing fields with a summary linked to each field and a 422', async () => {
    const res = await new Agent(app).post('/login', { email: '', password: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<a href="#email">Enter your email address</a>')
    expect(html).toContain('<a href="#password">Enter your password</a>')
    expect(html).toContain('aria-describedby="email-error"')
    expect(html).toMatch(/<title>Error: Sign in/)
  })

  it('refuses the sixth failed attempt within a minute with a 429, even with the right password', async () => {
    const org = await anOrganization(database.db)
    const target = await aUser(database.db, org.id, { email: 'limited@example.test' })
    const agent = new Agent(app)
    for (let i = 0; i < 5; i++)
      expect((await agent.post('/login', { email: target.email, password: `wrong-${i}` })).status).toBe(401)
    const sixth = await agent.post('/login', { email: target.email, password: PASSWORD })
    expect(sixth.status).toBe(429)
    expect(textOf(await sixth.text())).toContain('Too many sign-in attempts')
    clock.advanceDays(1 / 24 / 60 + 0.00001) // just over a minute later
    expect((await agent.post('/login', { email: target.email, password: PASSWORD })).status).toBe(303)
  })

  it('refuses a POST without a valid CSRF proof with a 403 and changes nothing', async () => {
    const agent = new Agent(app)
    await agent.csrfToken()
    const missing = await agent.post('/login', { _csrf: '', email, password: PASSWORD })
    const forged = await agent.post('/login', { _csrf: 'A'.repeat(43), email, password: PASSWORD })
    for (const res of [missing, forged]) {
      expect(res.status).toBe(403)
      expect(res.headers.getSetCookie().some((c) => c.startsWith('ss_session='))).toBe(false)
    }
    const crossSite = await agent.post('/login', { email, password: PASSWORD }, { origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
  })

  it('signs out with a POST and ends the session', async () => {
    const agent = new Agent(app)
    await agent.signIn(email, PASSWORD)
    const session = agent.cookie('ss_session')!
    const out = await agent.post('/logout', {})
    expect(out.headers.get('location')).toBe('/login?signed-out=1')
    expect((await agent.get('/billing/products')).status).toBe(303)
    // The old cookie, sent again as it was, no longer opens a session: it ended on the server.
    const replayed = await app.request('/billing/products', { headers: { cookie: `ss_session=${session}` } })
    expect(replayed.status).toBe(303)
  })

  it('does not redirect off-site after sign-in', async () => {
    const res = await new Agent(app).post('/login', { email, password: PASSWORD, next: '//evil.example/x' })
    expect(res.headers.get('location')).toBe('/billing/products')
  })
})

describe('sign-in limits under concurrency', () => {
  // Every request through app.request() comes from the same address ('unknown').
  const wrong = (target: string, i: number) => new Agent(app).post('/login', { email: target, password: `guess-${i}` })
  const flood = (target: string) => Promise.all(Array.from({ length: 30 }, (_, i) => wrong(target, i)))

  it('answers 30 parallel wrong passwords for one account with five 401s and 429s for the rest', async () => {
    const org = await anOrganization(database.db)
    const target = await aUser(database.db, org.id, { email: 'flooded@example.test' })
    const statuses = (await flood(target.email)).map((res) => res.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(25)
  })

  it('still signs in another account from the same address during and after that flood', async () => {
    const org = await anOrganization(database.db)
    const target = await aUser(database.db, org.id, { email: 'flooded-again@example.test' })
    const colleague = await aUser(database.db, org.id, { email: 'colleague@example.test' })
    const during = new Agent(app)
    await during.csrfToken()
    const signIn = during.post('/login', { email: colleague.email, password: PASSWORD })
    const [statuses, signedIn] = await Promise.all([flood(target.email), signIn])
    expect(statuses.filter((res) => res.status === 401)).toHaveLength(5)
    expect(signedIn.status).toBe(303)
    expect((await during.get('/billing/products')).status).toBe(200)
    expect((await new Agent(app).post('/login', { email: colleague.email, password: PASSWORD })).status).toBe(303)
  })

  it('lets a correct password through an address over its failure limit', async () => {
    const at = clock.now()
    const spray = Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => `sprayed${i}@example.test`)
    const failed = spray.map((email) => ({ email, ip: 'unknown', at, succeeded: false }))
    await database.db.insert(signInAttempts).values(failed)
    const org = await anOrganization(database.db)
    const [user, other] = [await aUser(database.db, org.id), await aUser(database.db, org.id)]
    expect((await new Agent(app).post('/login', { email: user.email, password: PASSWORD })).status).toBe(303)
    expect((await new Agent(app).post('/login', { email: other.email, password: 'wrong' })).status).toBe(429)
  })
})

describe('the CSRF token', () => {
  it('changes at sign-in and at sign-out, and the old one no longer works', async () => {
    const agent = new Agent(app)
    const before = await agent.csrfToken()
    await agent.signIn(email, PASSWORD)
    const signedIn = agent.cookie('ss_csrf')!
    expect(signedIn).not.toBe(before)
    expect(await (await agent.get('/billing/products')).text()).toContain(`name="_csrf" value="${signedIn}"`)
    expect((await agent.post('/language', { _csrf: before, lang: 'fr' })).status).toBe(403)
    await agent.post('/logout', {})
    const signedOut = agent.cookie('ss_csrf')!
    expect(signedOut).not.toBe(signedIn)
    expect(await (await agent.get('/login')).text()).toContain(`name="_csrf" value="${signedOut}"`)
    expect((await agent.post('/login', { _csrf: signedIn, email, password: PASSWORD })).status).toBe(403)
    expect((await agent.post('/login', { email, password: PASSWORD })).status).toBe(303)
  })
})

describe('every response', () => {
  it('carries the security headers', async () => {
    const res = await new Agent(app).get('/login')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('same-origin')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses a body over the limit with a 413 page', async () => {
    const agent = new Agent(app)
    const res = await agent.post('/login', { email, password: 'x'.repeat(70_000) })
    expect(res.status).toBe(413)
  })

  it('reports liveness and readiness', async () => {
    expect((await app.request('/healthz')).status).toBe(200)
    const ready = await app.request('/readyz')
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready' })
  })

  it('serves htmx from our own origin', async () => {
    const res = await app.request('/public/vendor/htmx.min.js')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('4.0.1')
  })
})

describe('language', () => {
  it('follows Accept-Language before sign-in and the stored choice after', async () => {
    // A user of its own: the choice of French is stored on the user.
    const org = await anOrganization(database.db)
    const { email } = await aUser(database.db, org.id)
    const agent = new Agent(app, { 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' })
    const login = await agent.get('/login')
    const html = await login.text()
    expect(html).toContain('<html lang="fr">')
    expect(textOf(html)).toContain('Se connecter')
    await agent.signIn(email, PASSWORD)
    // The user's stored language (en) wins once signed in; switching stores fr on the user.
    expect(await (await agent.get('/billing/products')).text()).toContain('<html lang="en">')
    const switched = await agent.post('/language', { lang: 'fr', next: '/billing/products?tab=trials' })
    expect(switched.headers.get('location')).toBe('/billing/products?tab=trials')
    const again = new Agent(app)
    await again.signIn(email, PASSWORD)
    expect(textOf(await (await again.get('/billing/products')).text())).toContain('Vos produits')
  })
})
