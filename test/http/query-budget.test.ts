import { and, desc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import { openDatabase, type Database } from '../../src/db/client'
import { loadDemoData } from '../../src/db/seed/demo'
import {
  billingAccounts,
  billingProfiles,
  invoices,
  licenseAssignments,
  products,
  subscriptions,
  users,
} from '../../src/db/schema/index'
import {
  accountsUrl,
  accountUrl,
  adminAuditUrl,
  adminPolicyUrl,
  adminPurchaseUrl,
  adminSelfServiceCsvUrl,
  adminSelfServiceUrl,
  adminSelfServiceUsersCsvUrl,
  assignResultsUrl,
  assignUrl,
  autoRenewUrl,
  cancelUrl,
  changeLicensesUrl,
  checkoutUrl,
  helpUrl,
  invoicePdfUrl,
  invoicesCsvUrl,
  invoicesUrl,
  invoiceUrl,
  licensesUrl,
  paymentMethodsUrl,
  productsUrl,
  profileUrl,
  purchaseUrl,
  subscriptionUrl,
  trialUrl,
  unassignUrl,
} from '../../views/urls'
import type { SelfServiceFilter } from '../../src/services/admin/list-self-service'
import { aSubscription, TEST_SCRYPT } from '../builders/index'
import { Agent, testApp } from '../support/http'
import { growTenfold } from '../support/tenfold'

// Issue 15: how many SQL statements each page and each action costs, counted through the one hook in
// src/db/client.ts (drizzle's logger; BEGIN and COMMIT aside), on the demo data and again once the
// organization holds ten times as much. A page may cost at most PAGE_BUDGET statements, the session's
// one included; an action its own budget below. Neither may grow with the data: a count that does
// is a query per row.
const PAGE_BUDGET = 4
/** A CSV export streams its rows in batches of 500: one statement a batch, on top of this. */
const CSV_BUDGET = 4
const CSV_BATCH = 500

/** What each POST may cost, the session included: the reads that decide, the writes and the audit. */
// Buy and Buy licenses include the sandbox gateway's three (it keeps its idempotency memory in the database,
// as a real gateway would on its side), the charge's intent and settlement, the invoice, its emails, the
// notification and the audit event. Remove and Cancel here take the cheaper path (after the refund window:
// scheduled, no credit note).
const ACTION_BUDGETS = {
  buy: 21,
  buyLicenses: 20,
  removeLicenses: 7,
  assign: 8,
  unassign: 7,
  cancel: 5,
  recurringBilling: 5,
} as const
type Action = keyof typeof ACTION_BUDGETS

const PASSWORD = 'budget-demo'
const ALL_PURCHASES: SelfServiceFilter = {
  tab: 'purchases',
  product: null,
  q: '',
  status: 'any',
  sort: 'expires_asc',
  page: 1,
}
const clock = fixedClock('2026-11-16T09:00:00Z')
let database: Database
let app: ReturnType<typeof testApp>
let counting = false
let statements: string[] = []
/** What went over its budget, each with its statements, so a failure says where to look. */
let overBudget: string[] = []
const w = {} as {
  orgId: string
  lea: typeof users.$inferSelect
  hugo: typeof users.$inferSelect
  many: string
  invoiceId: string
  accountId: string
  profileId: string
  cardId: string
  productId: string
  buyCode: string
  trialCode: string
}

beforeAll(async () => {
  database = await openDatabase({ dataDir: 'memory://', onQuery: (q) => void (counting && statements.push(q)) })
  await database.migrate()
  await loadDemoData(database.db, { clock, password: PASSWORD, scrypt: TEST_SCRYPT })
  app = testApp(database, clock)
  const { db } = database
  const [lea] = await db.select().from(users).where(eq(users.email, 'lea.martin@fabrikam.example'))
  w.lea = lea!
  w.orgId = lea!.orgId
  const [hugo] = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, w.orgId), eq(users.kind, 'member'), sql`${users.id} <> ${lea!.id}`))
    .limit(1)
  w.hugo = hugo!
  const [many] = await db
    .select({ id: licenseAssignments.subscriptionId, n: sql<number>`count(*)::int` })
    .from(licenseAssignments)
    .innerJoin(subscriptions, eq(subscriptions.id, licenseAssignments.subscriptionId))
    .where(eq(subscriptions.purchaserId, lea!.id))
    .groupBy(licenseAssignments.subscriptionId)
    .orderBy(desc(sql`count(*)`))
    .limit(1)
  w.many = many!.id
  const [account] = await db.select().from(billingAccounts).where(eq(billingAccounts.ownerId, lea!.id)).limit(1)
  w.accountId = account!.id
  const [profile] = await db
    .select()
    .from(billingProfiles)
    .where(eq(billingProfiles.billingAccountId, account!.id))
    .limit(1)
  w.profileId = profile!.id
  w.cardId = profile!.paymentMethodId!
  const [invoice] = await db.select().from(invoices).where(eq(invoices.billingProfileId, profile!.id)).limit(1)
  w.invoiceId = invoice!.id
  const catalog = await db.select().from(products).where(eq(products.selfService, true))
  w.productId = catalog[0]!.id
  // What Purchase services offers Léa: a product to buy and one to try.
  const offered = await (await (await signedIn('lea.martin@fabrikam.example')).get(purchaseUrl())).text()
  w.buyCode = decodeURIComponent(new RegExp(`href="${purchaseUrl()}/([^/"?]+)"`).exec(offered)![1]!)
  w.trialCode = decodeURIComponent(new RegExp(`href="${purchaseUrl()}/([^/"?]+)/trial"`).exec(offered)![1]!)
}, 60_000)
afterAll(() => database?.close())

async function signedIn(email: string): Promise<Agent> {
  const agent = new Agent(app)
  await agent.signIn(email, PASSWORD)
  return agent
}

/** The statements one request issued, and its response. */
async function counted(send: () => Promise<Response>): Promise<{ n: number; res: Response; sql: string[] }> {
  statements = []
  counting = true
  try {
    const res = await send()
    await res.arrayBuffer()
    return { n: statements.length, res, sql: statements }
  } finally {
    counting = false
  }
}

/** The href of the page's rel="next" link. */
const nextLink = (html: string) => /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&')

async function pages(): Promise<Record<string, number>> {
  const lea = await signedIn('lea.martin@fabrikam.example')
  const admin = await signedIn('admin@fabrikam.example')
  const first = await (await lea.get(licensesUrl(w.many))).text()
  const later = nextLink(first)
  expect(later, 'a second page of holders').toBeDefined()
  const partial = { 'hx-request': 'true', 'hx-request-type': 'partial' }
  const list: [string, Agent, string, Record<string, string>?][] = [
    ['Your products', lea, productsUrl()],
    ['Your products, trials', lea, productsUrl({ tab: 'trials', scope: 'all', status: 'any' })],
    ['subscription details', lea, subscriptionUrl(w.many)],
    ['Buy/Remove licenses pane', lea, changeLicensesUrl(w.many)],
    ['Cancel pane', lea, cancelUrl(w.many)],
    ['Licenses', lea, licensesUrl()],
    ['a subscription’s licenses', lea, licensesUrl(w.many)],
    ['a later page of them', lea, later!],
    ['Assign pane', lea, assignUrl(w.many)],
    ['Assign search', lea, `${assignResultsUrl(w.many)}?q=ma`, partial],
    ['checkout', lea, checkoutUrl(w.buyCode)],
    ['catalog', lea, purchaseUrl()],
    ['trial', lea, trialUrl(w.trialCode)],
    ['invoices', lea, invoicesUrl()],
    ['invoices, past 6 months', lea, invoicesUrl({ kind: 'past6' })],
    ['an invoice', lea, invoiceUrl(w.invoiceId)],
    ['its PDF', lea, invoicePdfUrl(w.invoiceId)],
    ['payment methods', lea, paymentMethodsUrl()],
    ['billing accounts', lea, accountsUrl()],
    ['a billing account', lea, accountUrl(w.accountId, 'profiles')],
    ['a billing profile', lea, profileUrl(w.profileId)],
    ['notifications', lea, '/notifications'],
    ['admin self-service', admin, adminSelfServiceUrl()],
    ['admin self-service, filtered', admin, adminSelfServiceUrl({ status: 'active', sort: 'price_desc', q: 'a' })],
    ['admin one purchase', admin, adminPurchaseUrl(w.many)],
    ['admin policy', admin, adminPolicyUrl()],
    ['admin audit log', admin, adminAuditUrl()],
    ['admin audit log, filtered', admin, adminAuditUrl({ actor: w.lea.id, from: '2026-01-01', to: '2026-11-16' })],
    ['help', lea, helpUrl()],
  ]
  const counts: Record<string, number> = {}
  for (const [name, agent, url, headers] of list) {
    const { n, res, sql } = await counted(() => agent.get(url, headers))
    expect(res.status, `${name}: ${url}`).toBe(200)
    if (n > PAGE_BUDGET) overBudget.push(`${name} (${url}): ${n} statements\n  ${sql.join('\n  ')}`)
    counts[name] = n
  }
  return counts
}

async function exports(): Promise<Record<string, number>> {
  const lea = await signedIn('lea.martin@fabrikam.example')
  const admin = await signedIn('admin@fabrikam.example')
  const list: [string, Agent, string][] = [
    ['invoices CSV', lea, invoicesCsvUrl()],
    ['admin purchases CSV', admin, adminSelfServiceCsvUrl(ALL_PURCHASES)],
    ['admin users CSV', admin, adminSelfServiceUsersCsvUrl(ALL_PURCHASES)],
  ]
  const counts: Record<string, number> = {}
  for (const [name, agent, url] of list) {
    const { n, res } = await counted(() => agent.get(url))
    expect(res.status, name).toBe(200)
    const rows = (await (await agent.get(url)).text()).trimEnd().split('\n').length - 1
    if (n > CSV_BUDGET + Math.floor(rows / CSV_BATCH)) overBudget.push(`${name}: ${n} statements for ${rows} rows`)
    counts[name] = n - Math.floor(rows / CSV_BATCH)
  }
  return counts
}

/** A subscription of Léa's, billed to her demo profile and card, for one action alone. */
function aLeaSubscription() {
  return aSubscription(database.db, {
    orgId: w.orgId,
    purchaserId: w.lea.id,
    productId: w.productId,
    billingProfileId: w.profileId,
    paymentMethodId: w.cardId,
    at: new Date(clock.now().getTime() - 20 * 86_400_000),
    quantity: 20,
    assignedUserIds: [w.lea.id, w.hugo.id],
  })
}

const field = (html: string, name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1]

async function actions(): Promise<Record<Action, number>> {
  const lea = await signedIn('lea.martin@fabrikam.example')
  const [someone] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, w.orgId), eq(users.kind, 'member'), eq(users.status, 'active')))
    .orderBy(desc(users.displayName))
    .limit(1)
  const buy = async () => {
    const checkout = await (await lea.get(checkoutUrl(w.buyCode, { quantity: '2' }))).text()
    return () =>
      lea.post(checkoutUrl(w.buyCode), {
        quantity: '2',
        frequency: 'monthly',
        profile: w.profileId,
        payment: `saved:${w.cardId}`,
        idempotencyKey: field(checkout, 'idempotencyKey')!,
        quotedTotal: field(checkout, 'quotedTotal')!,
      })
  }
  // Each arrangement (a subscription of its own) is made before counting starts.
  const on = (post: (id: string) => Promise<Response>) => async () => {
    const sub = await aLeaSubscription()
    return () => post(sub.id)
  }
  const arrange: Record<Action, () => Promise<() => Promise<Response>>> = {
    buy,
    buyLicenses: on((id) => lea.post(changeLicensesUrl(id), { total: '25' })),
    removeLicenses: on((id) => lea.post(changeLicensesUrl(id), { total: '19' })),
    assign: on((id) => lea.post(assignUrl(id), { userIds: [someone!.id] })),
    unassign: on((id) => lea.post(unassignUrl(id), { userIds: [w.hugo.id], confirm: 'yes' })),
    cancel: on((id) => lea.post(cancelUrl(id), { reason: 'other', feedback: '' })),
    recurringBilling: on((id) => lea.post(autoRenewUrl(id), { on: 'false' })),
  }
  const counts = {} as Record<Action, number>
  for (const [name, ready] of Object.entries(arrange) as [Action, () => Promise<() => Promise<Response>>][]) {
    const send = await ready()
    const { n, res, sql } = await counted(send)
    expect(res.status, name).toBe(303)
    if (n > ACTION_BUDGETS[name]) overBudget.push(`${name}: ${n} statements\n  ${sql.join('\n  ')}`)
    counts[name] = n
  }
  return counts
}

describe('query budgets (issue 15)', () => {
  const before: Record<string, Record<string, number>> = {}

  beforeEach(() => {
    overBudget = []
  })

  it(`serves each page in at most ${PAGE_BUDGET} statements on the demo data`, async () => {
    before.pages = await pages()
    before.exports = await exports()
    before.actions = await actions()
    expect(overBudget).toEqual([])
  }, 60_000)

  it('costs as many statements once the organization holds ten times the data', async () => {
    await growTenfold(database.db, { orgId: w.orgId, manyHolders: w.many })
    const after = { pages: await pages(), exports: await exports(), actions: await actions() }
    expect(overBudget).toEqual([])
    expect(after).toEqual(before)
  }, 120_000)
})
