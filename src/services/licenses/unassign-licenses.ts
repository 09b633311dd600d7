import { and, count, eq, inArray } from 'drizzle-orm'
import { licenseAssignments } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import { loadOwnSubscription } from '../subscriptions/load-own-subscription'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

export const MAX_UNASSIGN_AT_ONCE = 200

/** Takes licences of the purchaser's subscription back from the chosen users (those who hold
 *  one; others are ignored). Refuses not_found, none_chosen, too_many_at_once. */
export async function unassignLicenses(
  deps: Deps,
  actor: Actor,
  subscriptionId: string,
  userIds: string[],
): Promise<Outcome<{ unassigned: number }, 'not_found' | 'none_chosen' | 'too_many_at_once'>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return refuse('none_chosen')
  if (ids.length > MAX_UNASSIGN_AT_ONCE)
    return refuse('too_many_at_once', { max: MAX_UNASSIGN_AT_ONCE, chosen: ids.length })
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const sub = (await loadOwnSubscription(tx, actor, subscriptionId, { lock: true }))?.sub
    if (!sub) return refuse('not_found')
    const [held] = await tx
      .select({ n: count() })
      .from(licenseAssignments)
      .where(eq(licenseAssignments.subscriptionId, sub.id))
    const removed = await tx
      .delete(licenseAssignments)
      .where(and(eq(licenseAssignments.subscriptionId, sub.id), inArray(licenseAssignments.userId, ids)))
      .returning({ userId: licenseAssignments.userId })
    if (removed.length) {
      const before = Number(held?.n ?? 0)
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'licenses.unassigned',
        entityType: 'subscription',
        entityId: sub.id,
        before: { assigned: before, quantity: sub.quantity },
        after: { assigned: before - removed.length, quantity: sub.quantity, userIds: removed.map((r) => r.userId) },
        at: now,
      })
    }
    return ok({ unassigned: removed.length })
  })
}
