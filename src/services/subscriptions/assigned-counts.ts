import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { licenseAssignments, users } from '../../db/schema/index'

// How many licences a subscription has assigned is the column subscriptions.assigned_count, kept by
// triggers on license_assignments (migration 0009): lists read it instead of counting (issue 15).

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
    .orderBy(order(licenseAssignments.holderName), order(licenseAssignments.userId))
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
        order by ${licenseAssignments.holderName}, ${licenseAssignments.userId})`.as('rank'),
    })
    .from(licenseAssignments)
    .innerJoin(users, eq(users.id, licenseAssignments.userId))
    .where(and(eq(licenseAssignments.orgId, orgId), inArray(licenseAssignments.subscriptionId, subscriptionIds)))
    .as('ranked')
  const rows = await db.select().from(ranked).where(lte(ranked.rank, limit)).orderBy(asc(ranked.rank))
  for (const { subscriptionId, rank: _rank, ...user } of rows) byId.get(subscriptionId)?.push(user)
  return byId
}
