import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { licenseAssignments, subscriptions, users } from '../../db/schema/index'

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
 *  shows a few per row without asking once per row. Each subscription reads only its first holders from
 *  the holders' name index (a lateral join), not every holder of every listed subscription (issue 15). */
export async function firstHolders(
  db: DbOrTx,
  orgId: string,
  subscriptionIds: string[],
  limit: number,
): Promise<Map<string, AssignedUser[]>> {
  const byId = new Map<string, AssignedUser[]>(subscriptionIds.map((id) => [id, []]))
  if (subscriptionIds.length === 0) return byId
  const first = db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      assignedAt: licenseAssignments.assignedAt,
      holderName: licenseAssignments.holderName,
    })
    .from(licenseAssignments)
    .innerJoin(users, eq(users.id, licenseAssignments.userId))
    .where(and(eq(licenseAssignments.subscriptionId, subscriptions.id), eq(licenseAssignments.orgId, orgId)))
    .orderBy(asc(licenseAssignments.holderName), asc(licenseAssignments.userId))
    .limit(limit)
    .as('first')
  const rows = await db
    .select({
      subscriptionId: subscriptions.id,
      id: first.id,
      displayName: first.displayName,
      email: first.email,
      assignedAt: first.assignedAt,
    })
    .from(subscriptions)
    .innerJoinLateral(first, sql`true`)
    .where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, subscriptionIds)))
    .orderBy(asc(subscriptions.id), asc(first.holderName), asc(first.id))
  for (const { subscriptionId, ...user } of rows) byId.get(subscriptionId)?.push(user)
  return byId
}
