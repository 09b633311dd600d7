import { and, asc, count, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm'
import { licenseAssignments, products, subscriptions, users } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { type AssignedUser, assignedUsers } from '../subscriptions/assigned-counts'
import type { SubscriptionStatus } from '../subscriptions/list-your-products'
import { availableLicenses, isAssignable } from '../subscriptions/subscription-rules'
import { ok, refuse, type Outcome } from '../outcome'

export const PAGE_SIZE = 25
export const SEARCH_RESULTS = 20

export type LicenseRow = {
  id: string
  productName: { en: string; fr: string }
  status: SubscriptionStatus
  quantity: number
  assigned: number
  pendingQuantity: number | null
  billingFrequency: 'monthly' | 'annual'
  /** When it was bought (or its trial started): with the term, it tells two rows of one product apart. */
  createdAt: Date
  /** Licences free to assign, a pending reduction counted (`availableLicenses`). */
  available: number
  /** Licences may be assigned (`isAssignable`). */
  assignable: boolean
}

/** One of the purchaser's subscriptions as the licences list shows it, or null (not theirs, or gone). */
export async function getLicenseRow(deps: Deps, actor: Actor, id: string): Promise<LicenseRow | null> {
  return (await listLicenses(deps, actor, id))[0] ?? null
}

/** The purchaser's subscriptions with assigned, available and total licences (DESIGN §10). */
export async function listLicenses(deps: Deps, actor: Actor, onlyId?: string): Promise<LicenseRow[]> {
  const rows = await deps.db
    .select({
      id: subscriptions.id,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
      status: subscriptions.status,
      quantity: subscriptions.quantity,
      pendingQuantity: subscriptions.pendingQuantity,
      billingFrequency: subscriptions.billingFrequency,
      createdAt: subscriptions.createdAt,
      assigned: subscriptions.assignedCount,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.purchaserId, actor.id),
        ne(subscriptions.status, 'deleted'),
        onlyId ? eq(subscriptions.id, onlyId) : undefined,
      ),
    )
    .orderBy(asc(products.nameEn), asc(subscriptions.createdAt))
  return rows.map(({ nameEn, nameFr, assigned: n, ...r }) => ({
    ...r,
    assigned: Number(n),
    available: availableLicenses({ ...r, assigned: Number(n) }),
    assignable: isAssignable(r.status),
    productName: { en: nameEn, fr: nameFr },
  }))
}

export type { AssignedUser }
export type AssignedPage = {
  subscription: LicenseRow
  users: AssignedUser[]
  total: number
  page: number
  pages: number
  /** Where the next and previous pages start (keyset cursors), when there are such pages. */
  next: string | null
  prev: string | null
}

/** A page boundary in the holders' order (name, then id), opaque in the URL. */
type Cursor = { name: string; id: string }
const encodeCursor = (u: { displayName: string; id: string }) =>
  Buffer.from(JSON.stringify([u.displayName, u.id])).toString('base64url')

function decodeCursor(text: string | undefined): Cursor | null {
  if (!text || text.length > 1000) return null
  try {
    const [name, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[]
    return typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id) ? { name, id } : null
  } catch {
    return null // a hand-edited cursor: the page number alone places the page
  }
}

const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** One page of a subscription's assigned users, optionally filtered by name or email. Refuses not_found. */
export async function listAssignedUsers(
  deps: Deps,
  actor: Actor,
  subscriptionId: string,
  o: { q: string; page: number; after?: string | undefined; before?: string | undefined },
): Promise<Outcome<AssignedPage, 'not_found'>> {
  const [subscription] = await listLicenses(deps, actor, subscriptionId)
  if (!subscription) return refuse('not_found')
  const search = o.q ? or(ilike(users.displayName, likeTerm(o.q)), ilike(users.email, likeTerm(o.q))) : undefined
  // Without a search, the subscription's row already holds the count.
  const counted = search
    ? await deps.db
        .select({ n: count() })
        .from(licenseAssignments)
        .innerJoin(users, eq(users.id, licenseAssignments.userId))
        .where(
          and(eq(licenseAssignments.orgId, actor.orgId), eq(licenseAssignments.subscriptionId, subscriptionId), search),
        )
        .then(([row]) => row)
    : { n: subscription.assigned }
  const total = Number(counted?.n ?? 0)
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const page = Math.min(Math.max(1, o.page), pages)
  // Keyset pages (issue 15): from a cursor the database starts at that name in the holders' name index, so a
  // late page of 5,000 holders costs what the first does. The page number is for display (and for a
  // link without a cursor, placed by offset).
  const after = decodeCursor(o.after)
  const before = after ? null : decodeCursor(o.before)
  const key = sql`(${licenseAssignments.holderName}, ${licenseAssignments.userId})`
  const bound = after
    ? sql`${key} > (${after.name}, ${after.id}::uuid)`
    : before
      ? sql`${key} < (${before.name}, ${before.id}::uuid)`
      : undefined
  const found = await assignedUsers(deps.db, actor.orgId, subscriptionId, {
    where: and(search, bound),
    limit: PAGE_SIZE,
    offset: after || before ? 0 : (page - 1) * PAGE_SIZE,
    descending: Boolean(before),
  })
  const rows = before ? found.reverse() : found
  const first = rows[0]
  const last = rows[rows.length - 1]
  return ok({
    subscription,
    users: rows,
    total,
    page,
    pages,
    next: page < pages && last ? encodeCursor(last) : null,
    prev: page > 1 && first ? encodeCursor(first) : null,
  })
}

export type Candidate = { id: string; displayName: string; email: string; hasLicense: boolean }

/** Active members of the organization whose name or email contains `q`, for the Assign pane. */
export async function searchPeople(deps: Deps, actor: Actor, subscriptionId: string, q: string): Promise<Candidate[]> {
  if (q.trim().length === 0) return []
  // Whether each already holds a licence of this subscription, in the same statement.
  // Columns spelled out: drizzle leaves those of a one-table query unqualified, and "id" would be the assignment's.
  const holds = sql<boolean>`exists (select 1 from license_assignments la where la.subscription_id = ${subscriptionId}
    and la.user_id = "users"."id" and la.org_id = ${actor.orgId})`
  const people = await deps.db
    .select({ id: users.id, displayName: users.displayName, email: users.email, hasLicense: holds })
    .from(users)
    .where(
      and(
        eq(users.orgId, actor.orgId),
        eq(users.kind, 'member'),
        eq(users.status, 'active'),
        or(ilike(users.displayName, likeTerm(q.trim())), ilike(users.email, likeTerm(q.trim()))),
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(SEARCH_RESULTS)
  return people.map((p) => ({ ...p, hasLicense: Boolean(p.hasLicense) }))
}

/** The named people, when they are members of the organization (to keep a selection across searches). */
export async function peopleByIds(
  deps: Deps,
  actor: Actor,
  ids: string[],
): Promise<{ id: string; displayName: string; email: string }[]> {
  if (ids.length === 0) return []
  return deps.db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, actor.orgId), inArray(users.id, ids)))
    .orderBy(asc(users.displayName))
}
