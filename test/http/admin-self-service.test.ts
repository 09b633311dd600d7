import { parse } from 'csv-parse/sync'
import { and, count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { licenseAssignments, subscriptions } from '../../src/db/schema/index'
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
  const hostile = await aUser(db, org.id, { email: 'h@example.test', displayName: '<img src=x onerror=alert(1)>' })
  await aUser(db, org.id, { email: 'guest@partner.test', kind: 'guest' })
  await aUser(db, org.id, { email: 'admin@example.test', role: 'admin', displayName: 'Ada Admin' })
  await aUser(db, other.id, { email: 'admin@other.test', role: 'admin' })
  await aUser(db, org.id, { email: 'admin-fr@example.test', role: 'admin', language: 'fr' })
  const tom = await aUser(db, org.id, { email: 'tom@example.test', displayName: 'Tom Dubois' })
  const project = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3', monthlyPrice: 2500 })
  const visio = await aProduct(db, { code: 'VISIO-P2', nameEn: 'Visio Plan 2' })
  ids.project = project.id
  const profile = await aBillingProfile(db, lea)
  ids.profile = profile.id
  ids.account = profile.billingAccountId
  ids.card = (await aCardOnFile(db, lea)).id
  ids.visio = visio.id
  const start = new Date('2026-11-10T00:00:00Z')
  ids.lea = (
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
  ids.expired = (
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: lea.id,
      productId: visio.id,
      at: new Date('2026-09-01T00:00:00Z'),
      status: 'expired',
      autoRenew: false,
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
  // Names a spreadsheet would run as formulas, or that break a naive CSV.
  const formula = await aUser(db, org.id, { email: 'f@example.test', displayName: '=HYPERLINK("http://x.test"),Z' })
  const holders = await Promise.all(
    ['+1', '-2', '@SUM(A1)', 'Dupont, "Jo"'].map((displayName, i) =>
      aUser(db, org.id, { email: `holder${i}@example.test`, displayName }),
    ),
  )
  ids.formula = (
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: formula.id,
      productId: visio.id,
      at: start,
      quantity: 4,
      unitPrice: 1250,
      billingFrequency: 'annual',
      assignedUserIds: holders.map((h) => h.id),
    })
  ).id
  // Zoé's, for the take-over POSTs: made by that test, and deleted by it, so no list below counts it.
  ids.org = org.id
  ids.zoe = (await aUser(db, org.id, { email: 'zoe@example.test', displayName: 'Zoé Petit' })).id
  // Thirty of Tom's, so the project's active purchases fill two pages (25 a page).
  for (let i = 0; i < 30; i++)
    await aSubscription(db, {
      orgId: org.id,
      purchaserId: tom.id,
      productId: project.id,
      at: new Date(start.getTime() + i * 3_600_000),
      quantity: 1,
    })
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

// Every admin route × every kind of visitor. A visitor is sent to sign in; to anyone but an admin of
// this organization the pages do not exist; another organization's admin sees only their own list.
const MATRIX: { route: () => string; expect: Record<keyof typeof ROLES, number> }[] = [
  {
    route: () => '/admin/self-service',
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 },
  },
  {
    route: () => '/admin/self-service?tab=trials&status=trial&sort=price_desc',
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 },
  },
  {
    route: () => '/admin/self-service/export.csv?status=active',
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 },
  },
  {
    route: () => '/admin/self-service/users.csv',
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 },
  },
  {
    route: () => '/admin/self-service/policy',
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 200 },
  },
  {
    route: () => `/admin/self-service/${ids.lea}`,
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 404 },
  },
  {
    route: () => `/admin/self-service/${ids.lea}/take-over`,
    expect: { anonymous: 303, member: 404, guest: 404, admin: 200, otherAdmin: 404 },
  },
]

describe('who may open the admin pages', () => {
  for (const [role, who] of Object.entries(ROLES) as [keyof typeof ROLES, string | null][]) {
    it(`answers ${role} as the matrix says`, async () => {
      const agent = await as(who)
      for (const row of MATRIX) {
        const res = await agent.get(row.route())
        expect([row.route(), res.status]).toEqual([row.route(), row.expect[role]])
        if (res.status === 303) expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
      }
    })
  }

  it('answers a POST of the policy as the matrix says (an empty form is invalid for an admin)', async () => {
    const expected = { anonymous: 303, member: 404, guest: 404, admin: 422, otherAdmin: 422 }
    for (const [role, who] of Object.entries(ROLES) as [keyof typeof ROLES, string | null][]) {
      const res = await (await as(who)).post('/admin/self-service/policy', {})
      expect([role, res.status]).toEqual([role, expected[role]])
    }
  })

  // The only admin POSTs to a member's subscription (DESIGN §8). In the roles' order: the admin takes it
  // over (303), so the other organization's admin finds nothing either way.
  it('answers the take-over POSTs as the matrix says', async () => {
    const expected = { anonymous: 303, member: 404, guest: 404, admin: 303, otherAdmin: 404 }
    const takeable = await aSubscription(database.db, {
      orgId: ids.org!,
      purchaserId: ids.zoe!,
      productId: ids.project!,
      at: now,
      status: 'expired',
    })
    const url = `/admin/self-service/${takeable.id}/take-over`
    for (const [role, who] of Object.entries(ROLES) as [keyof typeof ROLES, string | null][]) {
      const agent = await as(who)
      const invalid = await agent.post(url, { choice: 'move', target: 'none' })
      expect([role, invalid.status]).toEqual([role, expected[role] === 303 && who ? 422 : expected[role]])
      const res = await agent.post(url, { choice: 'cancel', reason: 'duplicate' })
      expect([role, res.status]).toEqual([role, expected[role]])
    }
    const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, takeable.id))
    expect(after?.status).toBe('deleted')
  })

  it('answers 404 for an id that is not a subscription, or not a self-service one', async () => {
    const admin = await as(ROLES.admin)
    expect((await admin.get('/admin/self-service/not-an-id')).status).toBe(404)
    expect((await admin.get('/admin/self-service/00000000-0000-4000-8000-000000000000')).status).toBe(404)
  })
})

describe('an admin changes nothing on someone else’s subscription', () => {
  const posts: [string, Record<string, string | string[]>][] = [
    ['licenses', { total: '5', formKey: 'k1' }],
    ['cancel', { reason: 'other', confirm: 'yes' }],
    ['auto-renew', { autoRenew: 'off' }],
    ['reactivate', {}],
    ['convert', {}],
  ]
  it('refuses every §3–§5 POST with 404 and leaves the subscription as it was', async () => {
    const admin = await as(ROLES.admin)
    const before = await database.db.select().from(subscriptions).where(eq(subscriptions.id, ids.lea!))
    for (const [action, form] of posts) {
      for (const id of [ids.lea!, ids.expired!, ids.trial!]) {
        const res = await admin.post(`/billing/products/${id}/${action}`, form)
        expect([action, res.status]).toEqual([action, 404])
      }
    }
    for (const [action, form] of [
      ['assign', { userIds: [ids.lea!] }],
      ['unassign', { userIds: [ids.lea!], confirm: 'yes' }],
    ] as [string, Record<string, string | string[]>][]) {
      const res = await admin.post(`/billing/licenses/${ids.lea}/${action}`, form)
      expect([action, res.status]).toEqual([action, 404])
    }
    const after = await database.db.select().from(subscriptions).where(eq(subscriptions.id, ids.lea!))
    expect(after).toEqual(before)
    const [held] = await database.db
      .select({ n: count() })
      .from(licenseAssignments)
      .where(and(eq(licenseAssignments.subscriptionId, ids.lea!)))
    expect(held?.n).toBe(2)
  })
})

describe('the CSV exports', () => {
  const csvOf = async (url: string) => {
    const res = await (await as(ROLES.admin)).get(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    return { res, rows: parse(await res.text(), { bom: true }) as string[][] }
  }

  it('exports the filtered purchases, every page, with formula-looking names guarded', async () => {
    const { res, rows } = await csvOf(`/admin/self-service/export.csv?product=${ids.visio}&sort=price_desc&page=2`)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="self-service-purchases-2026-11-25.csv"')
    expect(rows[0]).toEqual([
      'Product',
      'Purchaser',
      'Purchaser email',
      'Licenses purchased',
      'Licenses assigned',
      'Status',
      'Expiration date',
      'Price per license',
      'Total per term',
      'Currency',
      'Billing frequency',
      'Subscription ID',
    ])
    expect(rows.slice(1)).toEqual([
      [
        'Visio Plan 2',
        'Léa Martin',
        'lea@example.test',
        '10',
        '0',
        'Expired',
        '2026-10-01',
        '10.00',
        '100.00',
        'EUR',
        'monthly term',
        ids.expired,
      ],
      [
        'Visio Plan 2',
        `'=HYPERLINK("http://x.test"),Z`,
        'f@example.test',
        '4',
        '4',
        'Active',
        '2027-11-10',
        '12.50',
        '50.00',
        'EUR',
        'annual term',
        ids.formula,
      ],
    ])
  })

  it('exports every page of a filter that spans two', async () => {
    const { rows } = await csvOf(`/admin/self-service/export.csv?product=${ids.project}&status=active`)
    expect(rows).toHaveLength(1 + 31)
  })

  it('exports the users of the filtered purchases, each cell guarded', async () => {
    const { res, rows } = await csvOf(`/admin/self-service/users.csv?product=${ids.visio}`)
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="self-service-users-2026-11-25.csv"')
    expect(rows[0]).toEqual(['User', 'Email', 'Assigned on', 'Product', 'Purchaser', 'Subscription ID'])
    const purchaser = `'=HYPERLINK("http://x.test"),Z`
    expect(rows.slice(1)).toEqual(
      ["'+1", "'-2", "'@SUM(A1)", 'Dupont, "Jo"'].map((name, i) => [
        name,
        `holder${i}@example.test`,
        '2026-11-10',
        'Visio Plan 2',
        purchaser,
        ids.formula,
      ]),
    )
  })

  it('writes the export in the admin’s language', async () => {
    const text = await (await (await as('admin-fr@example.test')).get('/admin/self-service/users.csv')).text()
    // Response.text() drops the byte-order mark.
    expect(text.split('\r\n')[0]).toBe('Utilisateur,E-mail,Attribuée le,Produit,Acheteur,ID de l’abonnement')
  })

  it('links both exports with the list’s filter', async () => {
    const html = await (await (await as(ROLES.admin)).get('/admin/self-service?status=expired&page=2')).text()
    expect(html).toContain('href="/admin/self-service/export.csv?status=expired"')
    expect(html).toContain('href="/admin/self-service/users.csv?status=expired"')
  })
})

describe('an admin changes nothing of someone else’s billing either (§5)', () => {
  it('refuses edits of another member’s billing account, profile and card with 404', async () => {
    const admin = await as(ROLES.admin)
    const address = { line1: '2 rue X', city: 'Lyon', postalCode: '69001', country: 'FR' }
    const posts: [string, Record<string, string>][] = [
      [`/billing/accounts/${ids.account}/edit`, { name: 'Taken', ...address }],
      [`/billing/accounts/${ids.account}/profiles/new`, { name: 'Taken', currency: 'EUR', ...address }],
      [`/billing/profiles/${ids.profile}/edit/name`, { name: 'Taken' }],
      [`/billing/profiles/${ids.profile}/payment-method`, { payment: `saved:${ids.card}` }],
      [`/billing/payment-methods/${ids.card}/edit`, { nameOnCard: 'Taken', expMonth: '1', expYear: '2031' }],
      [`/billing/payment-methods/${ids.card}/delete`, { confirm: 'yes' }],
    ]
    for (const [url, form] of posts) expect([url, (await admin.post(url, form)).status]).toEqual([url, 404])
  })
})

describe('Self-service purchases', () => {
  it('shows product, purchaser, licences, holders, status, expiration and price; escaped', async () => {
    const html = await (await (await as(ROLES.admin)).get('/admin/self-service?q=L%C3%A9a')).text()
    expect(tableRows(html).map((r) => r.slice(0, 7))).toEqual([
      [
        'Visio Plan 2 Purchased 1 September 2026 · monthly term',
        'Léa Martin lea@example.test',
        '10',
        'No users assigned',
        'Expired',
        '1 October 2026',
        '€10.00 license/month €100.00 in total per month',
      ],
      [
        'Project Plan 3 Purchased 10 November 2026 · monthly term',
        'Léa Martin lea@example.test',
        '3',
        '2 users <img src=x onerror=alert(1)> h@example.test Léa Martin lea@example.test',
        'Active',
        '10 December 2026',
        '€25.00 license/month €75.00 in total per month',
      ],
    ])
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('<details class="assigned-users">')
  })

  it('opens a bookmark cold: sign in, then back to exactly that view, page 2 included', async () => {
    const url = `/admin/self-service?product=${ids.project}&status=active&sort=price_desc&page=2`
    const agent = new Agent(app)
    const first = await agent.get(url)
    expect(first.status).toBe(303)
    const next = new URL(first.headers.get('location')!, 'http://x').searchParams.get('next')!
    expect(next).toBe(url)
    const signedIn = await agent.post('/login', { email: ROLES.admin, password: PASSWORD, next })
    expect(signedIn.headers.get('location')).toBe(url)
    const html = await (await agent.get(url)).text()
    expect(textOf(html)).toContain('31 self-service subscriptions')
    expect(textOf(html)).toContain('Page 2 of 2')
    expect(tableRows(html)).toHaveLength(6)
    expect(html).toMatch(/<option value="active" selected/)
    expect(html).toMatch(/<option value="price_desc" selected/)
  })

  it('answers htmx with the results only and the count for the live region', async () => {
    const res = await (await as(ROLES.admin)).get('/admin/self-service?tab=trials', {
      'HX-Request': 'true',
      'HX-Request-Type': 'partial',
    })
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="self-service-results"')
    expect(textOf(html)).toContain('1 self-service subscription')
  })

  it('shows one purchase with its users and order history', async () => {
    const html = await (await (await as(ROLES.admin)).get(`/admin/self-service/${ids.lea}`)).text()
    expect(textOf(html)).toContain('Project Plan 3 bought by Léa Martin')
    expect(tableRows(html)[0]).toEqual(['<img src=x onerror=alert(1)>', 'h@example.test', '10 November 2026'])
    expect(textOf(html)).toContain('No invoices for this subscription.')
  })

  it('has no form that posts anything but the layout’s sign-out and language', async () => {
    const admin = await as(ROLES.admin)
    for (const url of ['/admin/self-service', `/admin/self-service/${ids.lea}`]) {
      const html = await (await admin.get(url)).text()
      const posts = [...html.matchAll(/<form\b[^>]*method="post"[^>]*action="([^"]*)"/gi)].map((m) => m[1])
      expect([...new Set(posts)].sort()).toEqual(['/language', '/logout'])
    }
  })
})

describe('the purchase policy', () => {
  const field = (id: string) => `policy-${id}`

  it('says it applies to future purchases only and shows each product’s setting', async () => {
    const html = await (await (await as(ROLES.admin)).get('/admin/self-service/policy')).text()
    expect(textOf(html)).toContain('Changes apply to future purchases and trials only')
    expect(html).toMatch(new RegExp(`name="${field(ids.project!)}" value="allowed" checked`))
    expect(textOf(html)).toContain('Allow for trials only')
  })

  it('refuses a setting that is not one of the three, with the error summary and the choices kept', async () => {
    const res = await (await as(ROLES.admin)).post('/admin/self-service/policy', {
      [field(ids.project!)]: 'blocked',
      [field(ids.visio!)]: 'sometimes',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain(`href="#${field(ids.visio!)}"`)
    expect(html).toContain('<title>Error:')
    expect(html).toMatch(new RegExp(`name="${field(ids.project!)}" value="blocked" checked`))
  })

  it('blocks a product: saved with a message, and a member no longer finds it in Purchase services', async () => {
    const member = await as(ROLES.member)
    expect(textOf(await (await member.get('/billing/purchase')).text())).toContain('Project Plan 3')
    const admin = await as(ROLES.admin)
    const res = await admin.post('/admin/self-service/policy', {
      [field(ids.project!)]: 'blocked',
      [field(ids.visio!)]: 'allowed',
      'new-products': 'allowed',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin/self-service/policy')
    const page = await (await admin.get('/admin/self-service/policy')).text()
    expect(textOf(page)).toContain('Policy saved.')
    expect(page).toMatch(new RegExp(`name="${field(ids.project!)}" value="blocked" checked`))
    const catalog = textOf(await (await member.get('/billing/purchase')).text())
    expect(catalog).not.toContain('Project Plan 3')
    expect(catalog).toContain('Visio Plan 2')
    expect((await member.get(`/billing/purchase/PROJ-P3`)).status).not.toBe(200)
  })

  it('shows the default for products added later, says it is for future products, and saves it', async () => {
    const admin = await as(ROLES.admin)
    const page = await (await admin.get('/admin/self-service/policy')).text()
    expect(textOf(page)).toContain('Products added to the catalog later')
    expect(textOf(page)).toContain('Only for products added to the catalog from now on')
    expect(page).toMatch(/name="new-products" value="allowed" checked/)
    const res = await admin.post('/admin/self-service/policy', {
      [field(ids.project!)]: 'allowed',
      [field(ids.visio!)]: 'allowed',
      'new-products': 'blocked',
    })
    expect(res.status).toBe(303)
    expect(await (await admin.get('/admin/self-service/policy')).text()).toMatch(
      /name="new-products" value="blocked" checked/,
    )
    // A product added now is not offered to members; the ones already there still are.
    await aProduct(database.db, { code: 'LATER-1', nameEn: 'Later Plan' })
    const catalog = textOf(await (await (await as(ROLES.member)).get('/billing/purchase')).text())
    expect(catalog).not.toContain('Later Plan')
    expect(catalog).toContain('Project Plan 3')
  })

  it('refuses a default that is neither choice, with the error summary linked to it', async () => {
    const res = await (await as(ROLES.admin)).post('/admin/self-service/policy', {
      [field(ids.project!)]: 'allowed',
      [field(ids.visio!)]: 'allowed',
      'new-products': 'trials_only',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('href="#new-products"')
    expect(textOf(html)).toContain('Choose whether products added to the catalog later are allowed')
  })
})
