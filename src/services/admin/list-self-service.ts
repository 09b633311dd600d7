import { and, asc, desc, eq, ilike, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { invoices, licenseAssignments, MAX_LICENSES, products, subscriptions, users } from '../../db/schema/index'
import type { InvoiceKind } from '../invoices/list-invoices'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { assignedUsers, firstHolders, type AssignedUser } from '../subscriptions/assigned-counts'
import { isTrialRow, type SubscriptionStatus } from '../subscriptions/list-your-products'
import { isAdmin } from './admin-access'

export const SELF_SERVICE_PAGE_SIZE = 25
/**
 * The total is counted in blocks of this many rows, to the end of the page's block. An organization of
 * 50,000 self-service subscriptions (scale 10) took 23 ms to count them all on every view, ten times scale
 * 1's; a block costs the same at any size, and "Page 1 of more than 40" is as useful (issue 15).
 */
export const COUNT_AHEAD = 1000
/** How many assigned users a row's expandable list shows, by name; a link under them opens the purchase's page
 *  with them all. Five, not twenty: 25 rows of twenty made the page 75 KB to render on each view (issue 15). */
export const ROW_USERS_SHOWN = 5
/** How many rows the CSV export reads at a time: it streams, so a large organization never sits in memory. */
const EXPORT_BATCH = 500

export type SelfServiceTab = 'purchases' | 'trials'
export type SelfServiceSort = 'expires_asc' | 'expires_desc' | 'price_asc' | 'price_desc'
export const SELF_SERVICE_SORTS: readonly SelfServiceSort[] = ['expires_asc', 'expires_desc', 'price_asc', 'price_desc']
export const ADMIN_STATUSES: readonly SubscriptionStatus[] = ['trial', 'active', 'expired', 'disabled', 'deleted']

/** What the URL holds (the bookmark, DESIGN §8). `q` searches the purchaser's name. */
export type SelfServiceFilter = {
  tab: SelfServiceTab
  product: string | null
  q: string
  status: SubscriptionStatus | 'any'
  sort: SelfServiceSort
  page: number
}

/** One self-service subscription or trial as the admin reads it. Money in minor units. */
export type SelfServiceRow = {
  id: string
  productName: { en: string; fr: string }
  purchaser: { id: string; displayName: string; email: string }
  quantity: number
  assigned: number
  status: SubscriptionStatus
  /** When it ends: the trial's end for a running trial, else the end of the current term. */
  expiresAt: Date
  autoRenew: boolean
  unitPrice: number
  /** unitPrice × licences: what one term costs. */
  termTotal: number
  currency: string
  billingFrequency: 'monthly' | 'annual'
  createdAt: Date
  /** The first ROW_USERS_SHOWN holders by name (the list only; the export and details page read all). */
  users: AssignedUser[]
  /** Take over (DESIGN §8) is offered until it is deleted. */
  canTakeOver: boolean
}

export type SelfServiceList = {
  rows: SelfServiceRow[]
  /** Rows matching the filter, over every page; when `more`, at least this many (the count stops there). */
  total: number
  /** The count stopped at the end of the page's block of COUNT_AHEAD rows: there are more, and more pages. */
  more: boolean
  page: number
  pages: number
  products: { id: string; name: { en: string; fr: string } }[]
}

const expiresAt = sql<Date>`case when ${subscriptions.status} = 'trial' then ${subscriptions.trialEndsAt}
  else ${subscriptions.termEnd} end`
const termTotal = sql<number>`(${subscriptions.unitPrice} * ${subscriptions.quantity})::int`

type Where = Omit<SelfServiceFilter, 'sort' | 'page'> | { id: string }

function conditions(actor: Actor, f: Where): SQL {
  const base = [eq(subscriptions.orgId, actor.orgId), eq(subscriptions.source, 'self_service')]
  if ('id' in f) return and(...base, eq(subscriptions.id, f.id))!
  const where: (SQL | undefined)[] = [
    ...base,
    f.tab === 'trials' ? isTrialRow : sql`not (${isTrialRow})`,
    f.product ? eq(subscriptions.productId, f.product) : undefined,
    f.status === 'any' ? undefined : eq(subscriptions.status, f.status),
    f.q ? ilike(users.displayName, `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`) : undefined,
  ]
  return and(...where)!
}

function ordering(sort: SelfServiceSort): SQL[] {
  const dir = sort.endsWith('_desc') ? desc : asc
  const key = sort.startsWith('price') ? termTotal : expiresAt
  return [dir(key), asc(subscriptions.id)]
}

async function selectRows(
  deps: Deps,
  actor: Actor,
  f: Where,
  sort: SelfServiceSort,
  limit: number,
  offset: number,
): Promise<Omit<SelfServiceRow, 'users'>[]> {
  const rows = await deps.db
    .select({
      id: subscriptions.id,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
      purchaserId: users.id,
      purchaserName: users.displayName,
      purchaserEmail: users.email,
      quantity: subscriptions.quantity,
      assigned: subscriptions.assignedCount,
      status: subscriptions.status,
      termEnd: subscriptions.termEnd,
      trialEndsAt: subscriptions.trialEndsAt,
      autoRenew: subscriptions.autoRenew,
      unitPrice: subscriptions.unitPrice,
      termTotal,
      currency: subscriptions.currency,
      billingFrequency: subscriptions.billingFrequency,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .innerJoin(users, eq(users.id, subscriptions.purchaserId))
    .where(conditions(actor, f))
    .orderBy(...ordering(sort))
    .limit(limit)
    .offset(offset)
  return rows.map(({ nameEn, nameFr, purchaserId, purchaserName, purchaserEmail, termEnd, trialEndsAt, ...r }) => ({
    ...r,
    termTotal: Number(r.termTotal),
    productName: { en: nameEn, fr: nameFr },
    purchaser: { id: purchaserId, displayName: purchaserName, email: purchaserEmail },
    expiresAt: r.status === 'trial' && trialEndsAt ? trialEndsAt : termEnd,
    canTakeOver: r.status !== 'deleted',
  }))
}

/**
 * Admin → Self-service purchases (DESIGN §8): one page of the organization's self-service
 * subscriptions (or trials), filtered and sorted as the URL says, with each row's first holders.
 * Read-only. Refuses not_found to anyone but an admin.
 */
export async function listSelfService(
  deps: Deps,
  actor: Actor,
  f: SelfServiceFilter,
): Promise<Outcome<SelfServiceList, 'not_found'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  // The filter's products and the number of rows matching it, in one statement (issue 15's query budget).
  // Counted to the end of the block of 1,000 rows the page falls in: the same "more than 40 pages" on pages 1
  // to 40, "more than 80" on 41 to 80.
  const upTo = (Math.floor(((f.page - 1) * SELF_SERVICE_PAGE_SIZE) / COUNT_AHEAD) + 1) * COUNT_AHEAD
  const [counted, productList] = await filterProductsAndTotal(deps, actor, f, upTo + 1)
  const more = counted > upTo
  const total = Math.min(counted, upTo)
  const pages = Math.max(1, Math.ceil(total / SELF_SERVICE_PAGE_SIZE))
  const page = Math.min(f.page, pages)
  const found = await selectRows(deps, actor, f, f.sort, SELF_SERVICE_PAGE_SIZE, (page - 1) * SELF_SERVICE_PAGE_SIZE)
  const holders = await firstHolders(
    deps.db,
    actor.orgId,
    found.map((r) => r.id),
    ROW_USERS_SHOWN,
  )
  const rows = found.map((r) => ({ ...r, users: holders.get(r.id) ?? [] }))
  return ok({
    rows,
    total,
    more,
    page,
    pages,
    products: productList.map((p) => ({ id: p.id, name: { en: p.nameEn, fr: p.nameFr } })),
  })
}

/** The products of the organization's self-service subscriptions (the product filter's choices), and how
 *  many rows match the filter, counted up to `limit` (a scalar subquery: its tables shadow the outer query's). */
async function filterProductsAndTotal(
  deps: Deps,
  actor: Actor,
  f: SelfServiceFilter,
  limit: number,
): Promise<[number, { id: string; nameEn: string; nameFr: string }[]]> {
  // Spelled out: drizzle leaves the columns of a one-table query unqualified, and "id" would be ambiguous here.
  // The purchasers only when the name is searched: joining them for every counted row was most of the count.
  const from = f.q
    ? sql`${subscriptions} inner join ${users} on "users"."id" = "subscriptions"."purchaser_id"`
    : sql`${subscriptions}`
  const total = sql<number>`(select count(*)::int from (select 1 from ${from} where ${conditions(actor, f)}
    limit ${limit}) matching)`
  const options = await deps.db
    .select({ id: products.id, nameEn: products.nameEn, nameFr: products.nameFr, total })
    .from(products)
    .where(
      sql`exists (select 1 from ${subscriptions} where ${subscriptions.productId} = ${products.id}
        and ${subscriptions.orgId} = ${actor.orgId} and ${subscriptions.source} = 'self_service')`,
    )
    .orderBy(asc(products.nameEn), asc(products.id))
  // No product means no self-service subscription, so nothing matches.
  return [Number(options[0]?.total ?? 0), options.map(({ total: _total, ...p }) => p)]
}

/**
 * Every row of the filter (all pages) in the filter's order, a batch at a time: what the purchases
 * export streams. Refuses not_found to anyone but an admin.
 */
export function exportSelfService(
  deps: Deps,
  actor: Actor,
  f: SelfServiceFilter,
): Outcome<AsyncGenerator<Omit<SelfServiceRow, 'users'>[]>, 'not_found'> {
  if (!isAdmin(actor)) return refuse('not_found')
  async function* batches() {
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const rows = await selectRows(deps, actor, f, f.sort, EXPORT_BATCH, offset)
      if (rows.length > 0) yield rows
      if (rows.length < EXPORT_BATCH) return
    }
  }
  return ok(batches())
}

/** One self-service subscription for its details page: every holder, and its order history. */
export type SelfServiceDetails = Omit<SelfServiceRow, 'users'> & {
  users: AssignedUser[]
  invoices: { id: string; number: number; kind: InvoiceKind; issuedAt: Date; total: number; currency: string }[]
}

/**
 * Admin → one self-service purchase (DESIGN §8): the row, all its assigned users and its invoices
 * and credit notes, newest first. Read-only. Refuses not_found to anyone but an admin, and for an id
 * of another organization or of a subscription an admin gave out (not self-service).
 */
export async function getSelfServicePurchase(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<SelfServiceDetails, 'not_found'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const [row] = await selectRows(deps, actor, { id }, 'expires_asc', 1, 0)
  if (!row) return refuse('not_found')
  const holders = await assignedUsers(deps.db, actor.orgId, id, { limit: MAX_LICENSES })
  const history = await deps.db
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      issuedAt: invoices.issuedAt,
      total: invoices.total,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(and(eq(invoices.orgId, actor.orgId), eq(invoices.subscriptionId, id)))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
  return ok({ ...row, users: holders, invoices: history })
}

/** One licence of a self-service subscription: who holds it, on which purchase. */
export type SelfServiceUserRow = {
  subscriptionId: string
  productName: { en: string; fr: string }
  purchaserName: string
  displayName: string
  email: string
  assignedAt: Date
}

const holders = alias(users, 'holder')

/**
 * Export users: every holder of every subscription the filter selects (all pages), by the filter's
 * order then name, a batch at a time. Refuses not_found to anyone but an admin.
 */
export function exportSelfServiceUsers(
  deps: Deps,
  actor: Actor,
  f: SelfServiceFilter,
): Outcome<AsyncGenerator<SelfServiceUserRow[]>, 'not_found'> {
  if (!isAdmin(actor)) return refuse('not_found')
  async function* batches() {
    for (let offset = 0; ; offset += EXPORT_BATCH) {
      const rows = await deps.db
        .select({
          subscriptionId: subscriptions.id,
          nameEn: products.nameEn,
          nameFr: products.nameFr,
          purchaserName: users.displayName,
          displayName: holders.displayName,
          email: holders.email,
          assignedAt: licenseAssignments.assignedAt,
        })
        .from(licenseAssignments)
        .innerJoin(subscriptions, eq(subscriptions.id, licenseAssignments.subscriptionId))
        .innerJoin(products, eq(products.id, subscriptions.productId))
        .innerJoin(users, eq(users.id, subscriptions.purchaserId))
        .innerJoin(holders, eq(holders.id, licenseAssignments.userId))
        .where(and(eq(licenseAssignments.orgId, actor.orgId), conditions(actor, f)))
        .orderBy(...ordering(f.sort), asc(holders.displayName), asc(licenseAssignments.id))
        .limit(EXPORT_BATCH)
        .offset(offset)
      if (rows.length > 0)
        yield rows.map(({ nameEn, nameFr, ...r }) => ({ ...r, productName: { en: nameEn, fr: nameFr } }))
      if (rows.length < EXPORT_BATCH) return
    }
  }
  return ok(batches())
}
