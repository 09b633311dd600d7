import { and, asc, count, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { licenseAssignments, subscriptions, users } from '../../db/schema/index'

/** A subquery of assigned licences per subscription in one organization, to left-join in lists
 *  (one grouped scan instead of a count per row); `assignedCount` reads it as a number. */
export function assignedCounts(db: DbOrTx, orgId: string) {
  return db
    .select({ subscriptionId: licenseAssignments.subscriptionId, n: count().as('n') })
    .from(licenseAssignments)
    .where(eq(licenseAssignments.orgId, orgId))
    .groupBy(licenseAssignments.subscriptionId)
    .as('assigned')
}

export function assignedCount(sub: ReturnType<typeof assignedCounts>) {
  return sql<number>`coalesce(${sub.n}, 0)::int`
}

/** The licences assigned on each subscription a query selects, counted row by row through the unique
 *  index on (subscription, user): a user's list costs what their own subscriptions hold, where the
 *  grouped `assignedCounts` reads every assignment of the organization (issue 15). */
export const assignedCountOfRow = sql<number>`(select count(*)::int from ${licenseAssignments}
  where ${licenseAssignments.subscriptionId} = ${subscriptions.id}
    and ${licenseAssignments.orgId} = ${subscriptions.orgId})`

/** The number of licences assigned on one subscription of the organization. */
export async function countAssigned(db: DbOrTx, orgId: string, subscriptionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(licenseAssignments)
    .where(and(eq(licenseAssignments.orgId, orgId), eq(licenseAssignments.subscriptionId, subscriptionId)))
  return Number(row?.n ?? 0)
}

export type AssignedUser = { id: string; displayName: string; email: string; assignedAt: Date }

/** The people holding a licence of one subscription, by name: `where` narrows them (a search),
 *  `limit` and `offset` page them. */
export function assignedUsers(
  db: DbOrTx,
  orgId: string,
  subscriptionId: string,
  o: { where?: SQL | undefined; limit: number; offset?: number; descending?: boolean },
): Promise<AssignedUser[]> {
  const order = o.descending ? desc : asc
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      assignedAt: licenseAssignments.assignedAt,
    })
    .from(licenseAssignments)
    .innerJoin(users, eq(users.id, licenseAssignments.userId))
    .where(and(eq(licenseAssignments.orgId, orgId), eq(licenseAssignments.subscriptionId, subscriptionId), o.where))
    .orderBy(order(users.displayName), order(users.id))
    .limit(o.limit)
    .offset(o.offset ?? 0)
}

/** The first `limit` holders (by name) of each of several subscriptions, in one query: a list page
 *  shows a few per row without asking once per row. */
export async function firstHolders(
  db: DbOrTx,
  orgId: string,
  subscriptionIds: string[],
  limit: number,
): Promise<Map<string, AssignedUser[]>> {
  const byId = new Map<string, AssignedUser[]>(subscriptionIds.map((id) => [id, []]))
  if (subscriptionIds.length === 0) return byId
  const ranked = db
    .select({
      subscriptionId: licenseAssignments.subscriptionId,
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      assignedAt: licenseAssignments.assignedAt,
      rank: sql<number>`row_number() over (partition by ${licenseAssignments.subscriptionId}
        order by ${users.displayName}, ${users.id})`.as('rank'),
    })
    .from(licenseAssignments)
    .innerJoin(users, eq(users.id, licenseAssignments.userId))
    .where(and(eq(licenseAssignments.orgId, orgId), inArray(licenseAssignments.subscriptionId, subscriptionIds)))
    .as('ranked')
  const rows = await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(asc(ranked.rank))
  for (const { subscriptionId, rank: _rank, ...user } of rows) byId.get(subscriptionId)?.push(user)
  return byId
}
