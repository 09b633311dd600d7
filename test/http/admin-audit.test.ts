import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { auditEvents } from '../../src/db/schema/index'
import { anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'

// Admin → Audit log (issue 14): who may open it, what a row shows, the filters, the pages, the CSV.

const now = new Date('2026-11-25T10:00:00Z')
let database: Database
let app: ReturnType<typeof testApp>
const ids: Record<string, string> = {}
const at = (iso: string) => new Date(iso)
const hours = (n: number) => new Date(at('2026-11-01T00:00:00Z').getTime() + n * 3_600_000)

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock(now))
  const { db } = database
  const org = await anOrganization(db)
  const other = await anOrganization(db)
  const lea = await aUser(db, org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  await aUser(db, org.id, { email: 'guest@partner.test', kind: 'guest' })
  const admin = await aUser(db, org.id, { email: 'admin@example.test', role: 'admin', displayName: 'Ada Admin' })
  const otherAdmin = await aUser(db, other.id, { email: 'admin@other.test', role: 'admin', displayName: 'Olaf' })
  await aUser(db, org.id, { email: 'admin-fr@example.test', role: 'admin', language: 'fr' })
  const tom = await aUser(db, org.id, { email: 'tom@example.test', displayName: 'Tom Dubois' })
  // Never signs in, never changes anything: not offered by the "who" filter.
  ids.nora = (await aUser(db, org.id, { email: 'nora@example.test', displayName: 'Nora Never' })).id
  // Names a spreadsheet would run as formulas, or that break a naive CSV.
  const hostile = await Promise.all(
    ['=HYPERLINK("http://x.test")', '+1', '-2', '@SUM(A1)', 'Dupont, "Jo"'].map((displayName, i) =>
      aUser(db, org.id, { email: `h${i}@example.test`, displayName }),
    ),
  )
  const project = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3', nameFr: 'Projet Plan 3' })
  const sub = await aSubscription(db, { orgId: org.id, purchaserId: lea.id, productId: project.id, at: hours(0) })
  Object.assign(ids, { org: org.id, lea: lea.id, tom: tom.id, admin: admin.id, sub: sub.id, project: project.id })
  const event = (o: Partial<typeof auditEvents.$inferInsert>) => ({
    orgId: org.id,
    actorId: lea.id,
    action: 'subscription.licenses_added',
    entityType: 'subscription',
    entityId: sub.id,
    before: { quantity: 5 },
    after: { quantity: 8 },
    at: hours(1),
    ...o,
  })
  await db.insert(auditEvents).values([
    event({ at: at('2026-11-20T09:00:00Z') }),
    event({
      actorId: null,
      action: 'subscription.expired',
      before: { status: 'active' },
      after: { status: 'expired' },
      at: at('2026-11-21T00:00:00Z'),
    }),
    event({
      actorId: admin.id,
      action: 'policy.changed',
      entityType: 'product',
      entityId: project.id,
      before: { setting: 'allowed' },
      after: { setting: 'blocked' },
      at: at('2026-11-22T08:30:00Z'),
    }),
    event({
      action: 'billing_profile.address_changed',
      entityType: 'billing_profile',
      entityId: '3b0f2c1e-0000-4000-8000-000000000001',
      before: { city: 'Lyon', line1: '1 rue X' },
      after: { city: 'Paris', line1: '1 rue X' },
      at: at('2026-11-23T12:00:00Z'),
    }),
    event({
      action: 'future.thing_happened',
      entityType: 'gizmo',
      entityId: 'g-1',
      before: null,
      after: null,
      at: at('2026-11-24T00:00:00Z'),
    }),
    // Thirty of Tom's sign-ins, earlier, so the whole log fills two pages (25 a page).
    ...Array.from({ length: 30 }, (_, i) =>
      event({
        actorId: tom.id,
        action: 'session.signed_in',
        entityType: 'user',
        entityId: tom.id,
        before: null,
        after: null,
        at: hours(i),
      }),
    ),
    // The hostile names' events, with their names in the JSON too.
    ...hostile.map((h, i) =>
      event({
        actorId: h.id,
        action: 'user.language_changed',
        entityType: 'user',
        entityId: h.id,
        before: { language: 'en', note: h.displayName },
        after: { language: 'fr', note: h.displayName },
        at: at(`2026-11-10T0${i}:00:00Z`),
      }),
    ),
    // The other organization's: never shown here.
    event({ orgId: other.id, actorId: otherAdmin.id, action: 'policy.changed', at: at('2026-11-24T12:00:00Z') }),
  ])
})
afterAll(() => database.close())

async function as(who: string | null): Promise<Agent> {
  const agent = new Agent(app)
  if (who) await agent.signIn(who, PASSWORD)
  return agent
}

const ROLES = {
  anonymous: null,
  member: 'lea@example.test',
  guest: 'guest@partner.test',
  admin: 'admin@example.test',
  otherAdmin: 'admin@other.test',
} as const

describe('who may open the audit log', () => {
  const routes = [
    () => '/admin/audit',
    () => `/admin/audit?actor=${ids.lea}&action=subscription.licenses_added&from=2026-11-01&to=2026-11-30`,
    () => '/admin/audit.csv',
    () => `/admin/audit.csv?actor=system&from=2026-11-01`,
  ]
  const expected = { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 }
  for (const [role, who] of Object.entries(ROLES) as [keyof typeof ROLES, string | null][]) {
    it(`answers ${role} with ${expected[role]}`, async () => {
      const agent = await as(who)
      for (const route of routes) {
        const res = await agent.get(route())
        expect([route(), res.status]).toEqual([route(), expected[role]])
        if (res.status === 303) expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
      }
    })
  }

  it('links the log from the Administration pages, for admins only', async () => {
    const html = await (await (await as(ROLES.admin)).get('/admin/self-service')).text()
    expect(html).toMatch(/<nav class="admin-nav" aria-label="Administration">[\s\S]*href="\/admin\/audit"/)
    const member = await (await (await as(ROLES.member)).get('/billing/products')).text()
    expect(member).not.toContain('/admin/')
  })
})

describe('the audit log', () => {
  const page = async (url: string, who: string = ROLES.admin) => {
    const res = await (await as(who)).get(url)
    return { res, html: await res.text() }
  }

  it('shows who did what, when and on what, newest first, with the changed fields in a disclosure', async () => {
    // Up to the day before: every sign-in of these tests is audited too, at the clock's now.
    const { html } = await page('/admin/audit?to=2026-11-24')
    const rows = tableRows(html)
    expect(rows.slice(0, 5)).toEqual([
      [
        '24 November 2026 at 00:00:00 UTC',
        'Léa Martin lea@example.test',
        'future.thing_happened',
        'gizmo g-1',
        'No details',
      ],
      [
        '23 November 2026 at 12:00:00 UTC',
        'Léa Martin lea@example.test',
        'Billing profile’s address changed',
        'Billing profile 3b0f2c1e-0000-4000-8000-000000000001',
        '1 change city: Lyon → Paris',
      ],
      [
        '22 November 2026 at 08:30:00 UTC',
        'Ada Admin admin@example.test',
        'Purchase policy changed',
        `Product · Project Plan 3 ${ids.project}`,
        '1 change setting: allowed → blocked',
      ],
      [
        '21 November 2026 at 00:00:00 UTC',
        'System',
        'Subscription expired',
        `Subscription · Project Plan 3 ${ids.sub}`,
        '1 change status: active → expired',
      ],
      [
        '20 November 2026 at 09:00:00 UTC',
        'Léa Martin lea@example.test',
        'Licenses bought',
        `Subscription · Project Plan 3 ${ids.sub}`,
        '1 change quantity: 5 → 8',
      ],
    ])
    expect(html).toContain('<details class="audit-changes">')
    expect(html).toContain(`href="/admin/self-service/${ids.sub}"`)
    expect(html).toContain('<time datetime="2026-11-20T09:00:00.000Z">')
  })

  it('never shows another organization’s events, and shows that organization’s admin only theirs', async () => {
    const ours = textOf((await page('/admin/audit?action=policy.changed')).html)
    expect(ours).not.toContain('Olaf')
    const theirs = tableRows((await page('/admin/audit?to=2026-11-24', ROLES.otherAdmin)).html)
    expect(theirs.map((r) => r[1])).toEqual(['Olaf admin@other.test'])
  })

  it('filters by user, by the system, by action and by dates, and keeps every filter in the form', async () => {
    const who = (html: string) => [...new Set(tableRows(html).map((r) => r[1]))]
    const byLea = (await page(`/admin/audit?actor=${ids.lea}&to=2026-11-24`)).html
    expect(who(byLea)).toEqual(['Léa Martin lea@example.test'])
    expect(tableRows(byLea)).toHaveLength(3)
    expect(byLea).toMatch(new RegExp(`<option value="${ids.lea}" selected>Léa Martin \\(lea@example.test\\)`))
    expect(who((await page('/admin/audit?actor=system')).html)).toEqual(['System'])
    const signIns = (await page('/admin/audit?action=session.signed_in')).html
    expect(tableRows(signIns).every((r) => r[2] === 'Signed in')).toBe(true)
    expect(signIns).toMatch(/<option value="session.signed_in" selected>Signed in/)
    // Both days count: 21 and 22 November, nothing of the 20th or the 23rd.
    const days = (await page('/admin/audit?from=2026-11-21&to=2026-11-22')).html
    expect(tableRows(days).map((r) => r[2])).toEqual(['Purchase policy changed', 'Subscription expired'])
    expect(days).toContain('value="2026-11-21"')
    const all = (await page(`/admin/audit?actor=${ids.lea}&action=subscription.licenses_added&from=2026-11-20`)).html
    expect(tableRows(all).map((r) => r[0])).toEqual(['20 November 2026 at 09:00:00 UTC'])
  })

  it('offers only the people who appear in the log, and the known actions by their names', async () => {
    const { html } = await page('/admin/audit')
    const people = [...html.matchAll(/<option value="([0-9a-f-]{36})"/g)].map((m) => m[1])
    expect(people).toContain(ids.lea)
    expect(people).toContain(ids.tom)
    expect(people).not.toContain(ids.nora)
    expect(html).not.toContain('Olaf')
    expect(html).toMatch(/<option value="subscription.taken_over">Subscription taken over<\/option>/)
  })

  it('shows an unknown action as its code, in the list and as the chosen filter', async () => {
    const { html } = await page('/admin/audit?action=future.thing_happened')
    expect(tableRows(html).map((r) => r[2])).toEqual(['future.thing_happened'])
    expect(html).toMatch(/<option value="future.thing_happened" selected>future.thing_happened<\/option>/)
  })

  it('ignores a malformed person or action rather than failing', async () => {
    const { res, html } = await page('/admin/audit?actor=nobody&action=DROP%20TABLE')
    expect(res.status).toBe(200)
    expect(tableRows(html)).toHaveLength(25)
  })

  it('refuses a date that is not one, or an end before the start, with the error summary (422)', async () => {
    const bad = await page('/admin/audit?from=2026-02-30&to=tomorrow')
    expect(bad.res.status).toBe(422)
    expect(bad.html).toContain('<title>Error:')
    expect(bad.html).toContain('href="#from"')
    expect(bad.html).toContain('href="#to"')
    expect(textOf(bad.html)).toContain('Enter the start date as a real date')
    expect(bad.html).toContain('value="2026-02-30"')
    const reversed = await page('/admin/audit?from=2026-11-22&to=2026-11-21')
    expect(reversed.res.status).toBe(422)
    expect(textOf(reversed.html)).toContain('The end date must be the same as or after the start date')
    const csv = await page('/admin/audit.csv?from=2026-13-01')
    expect(csv.res.status).toBe(422)
    expect(csv.html).toContain('href="#from"')
  })

  it('pages by Older and Newer links that keep the filter, never repeating or skipping an event', async () => {
    const first = await page(`/admin/audit?actor=${ids.tom}`)
    const firstRows = tableRows(first.html)
    expect(firstRows).toHaveLength(25)
    expect(first.html).not.toContain('Newer events')
    const older = /href="([^"]*older=[^"]*)"/.exec(first.html)![1]!.replaceAll('&amp;', '&')
    expect(older).toContain(`actor=${ids.tom}`)
    const second = await page(older)
    const secondRows = tableRows(second.html)
    expect(secondRows).toHaveLength(5)
    expect(second.html).not.toContain('Older events')
    const times = [...firstRows, ...secondRows].map((r) => r[0])
    expect(new Set(times).size).toBe(30)
    const newer = /href="([^"]*newer=[^"]*)"/.exec(second.html)![1]!.replaceAll('&amp;', '&')
    expect(tableRows((await page(newer)).html)).toEqual(firstRows)
  })

  it('opens a bookmark cold: sign in, then back to exactly that view', async () => {
    const url = `/admin/audit?actor=${ids.lea}&action=subscription.licenses_added&from=2026-11-01&to=2026-11-30`
    const agent = new Agent(app)
    const first = await agent.get(url)
    expect(first.status).toBe(303)
    const next = new URL(first.headers.get('location')!, 'http://x').searchParams.get('next')!
    expect(next).toBe(url)
    const signedIn = await agent.post('/login', { email: ROLES.admin, password: PASSWORD, next })
    expect(signedIn.headers.get('location')).toBe(url)
    expect(tableRows(await (await agent.get(url)).text())).toHaveLength(1)
  })

  it('answers htmx with the results, the error summary and the dates, and the count for the live region', async () => {
    const headers = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' }
    const res = await (await as(ROLES.admin)).get('/admin/audit?actor=system', headers)
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="audit-results"')
    expect(textOf(html)).toContain('1 event on this page')
    const bad = await (await as(ROLES.admin)).get('/admin/audit?to=nope', headers)
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('hx-target="#audit-errors"')
  })

  it('is in French for a French admin', async () => {
    const { html } = await page('/admin/audit?action=policy.changed', 'admin-fr@example.test')
    expect(textOf(html)).toContain('Journal d’audit')
    expect(tableRows(html)[0]).toEqual([
      '22 novembre 2026 à 08:30:00 UTC',
      'Ada Admin admin@example.test',
      'Stratégie d’achat modifiée',
      `Produit · Projet Plan 3 ${ids.project}`,
      '1 modification setting : allowed → blocked',
    ])
  })
})

describe('the audit log’s CSV', () => {
  const csvOf = async (url: string, who: string = ROLES.admin) => {
    const res = await (await as(who)).get(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    return { res, rows: parse(await res.text(), { bom: true }) as string[][] }
  }

  it('exports the filtered events with when, who, action, entity, before and after', async () => {
    const { res, rows } = await csvOf('/admin/audit.csv?action=subscription.licenses_added')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-log-2026-11-25.csv"')
    expect(rows).toEqual([
      ['When (UTC)', 'Who', 'Email', 'Action', 'Entity type', 'Entity ID', 'Before (JSON)', 'After (JSON)'],
      [
        '2026-11-20T09:00:00.000Z',
        'Léa Martin',
        'lea@example.test',
        'subscription.licenses_added',
        'subscription',
        ids.sub,
        '{"quantity":5}',
        '{"quantity":8}',
      ],
    ])
  })

  it('guards names a spreadsheet would run and quotes commas and quotes, in every cell', async () => {
    const { rows } = await csvOf('/admin/audit.csv?action=user.language_changed')
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      'Dupont, "Jo"',
      "'@SUM(A1)",
      "'-2",
      "'+1",
      `'=HYPERLINK("http://x.test")`,
    ])
    // The JSON cells start with a brace: a name inside them is not a formula, and is kept as typed.
    expect(rows[5]![6]).toBe('{"note":"=HYPERLINK(\\"http://x.test\\")","language":"en"}')
  })

  it('exports every event of the filter, past the first page, and the system as who', async () => {
    expect((await csvOf('/admin/audit.csv?to=2026-11-24')).rows).toHaveLength(1 + 40)
    const { rows } = await csvOf('/admin/audit.csv?actor=system')
    expect(rows.slice(1).map((r) => [r[1], r[2]])).toEqual([['System', '']])
  })

  it('never exports another organization’s events', async () => {
    const { rows } = await csvOf('/admin/audit.csv?action=policy.changed', ROLES.otherAdmin)
    expect(rows.slice(1).map((r) => r[1])).toEqual(['Olaf'])
  })

  it('writes the headers in the admin’s language', async () => {
    const text = await (await (await as('admin-fr@example.test')).get('/admin/audit.csv')).text()
    expect(text.split('\r\n')[0]).toBe(
      'Quand (UTC),Qui,E-mail,Action,Type d’entité,ID de l’entité,Avant (JSON),Après (JSON)',
    )
  })

  it('links the export with the page’s filter', async () => {
    const html = await (await (await as(ROLES.admin)).get(`/admin/audit?actor=${ids.lea}&from=2026-11-01`)).text()
    expect(html).toContain(`href="/admin/audit.csv?actor=${ids.lea}&amp;from=2026-11-01"`)
  })
})
