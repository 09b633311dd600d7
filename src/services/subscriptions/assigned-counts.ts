import { and, count, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { licenseAssignments } from '../../db/schema/index'

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

/** The number of licences assigned on one subscription of the organization. */
export async function countAssigned(db: DbOrTx, orgId: string, subscriptionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(licenseAssignments)
    .where(and(eq(licenseAssignments.orgId, orgId), eq(licenseAssignments.subscriptionId, subscriptionId)))
  return Number(row?.n ?? 0)
}
