import { and, eq, inArray } from 'drizzle-orm'
import { licenseAssignments, users } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import { loadOwnSubscription } from '../subscriptions/load-own-subscription'
import { availableLicenses, isAssignable } from '../subscriptions/subscription-rules'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

export const MAX_ASSIGN_AT_ONCE = 20 // §4

export type AssignRefusal =
  | 'not_found'
  | 'none_chosen'
  | 'too_many_at_once'
  | 'not_assignable'
  | 'invalid_users'
  | 'not_enough_licenses'
export type Assigned = {
  assigned: { id: string; displayName: string }[]
  skipped: { id: string; displayName: string }[]
  available: number
}

/**
 * Gives licences of the purchaser's subscription to up to 20 active members of the organization.
 * People who already hold one are skipped; the whole batch fails if it would exceed the free
 * licences (a pending reduction counts as the limit). Refuses not_found, none_chosen,
 * too_many_at_once, not_assignable, invalid_users, not_enough_licenses ({ available, chosen }).
 */
export async function assignLicenses(
  deps: Deps,
  actor: Actor,
  subscriptionId: string,
  userIds: string[],
): Promise<Outcome<Assigned, AssignRefusal>> {
  const ids = [...new Set(userIds)]
  if (ids.length === 0) return refuse('none_chosen')
  if (ids.length > MAX_ASSIGN_AT_ONCE)
    return refuse('too_many_at_once', { max: MAX_ASSIGN_AT_ONCE, chosen: ids.length })
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    // NOTE: the subscription's row lock makes "count, check, insert" atomic against every other
    // assignment and quantity change, on any instance; the unique index is the second guard.
    const sub = (await loadOwnSubscription(tx, actor, subscriptionId, { lock: true }))?.sub
    if (!sub) return refuse('not_found')
    if (!isAssignable(sub.status)) return refuse('not_assignable')

    const people = await tx
      .select({ id: users.id, displayName: users.displayName })
      .from(users)
      .where(
        and(eq(users.orgId, actor.orgId), inArray(users.id, ids), eq(users.kind, 'member'), eq(users.status, 'active')),
      )
    if (people.length !== ids.length) return refuse('invalid_users', { invalid: ids.length - people.length })

    const holders = new Set(
      (
        await tx
          .select({ userId: licenseAssignments.userId })
          .from(licenseAssignments)
          .where(and(eq(licenseAssignments.subscriptionId, sub.id), inArray(licenseAssignments.userId, ids)))
      ).map((r) => r.userId),
    )
    const skipped = people.filter((p) => holders.has(p.id))
    const toAssign = people.filter((p) => !holders.has(p.id))
    const assignedBefore = sub.assignedCount
    const available = availableLicenses({ ...sub, assigned: assignedBefore })
    if (toAssign.length > available) return refuse('not_enough_licenses', { available, chosen: toAssign.length })

    if (toAssign.length) {
      await tx.insert(licenseAssignments).values(
        toAssign.map((p) => ({
          orgId: actor.orgId,
          subscriptionId: sub.id,
          userId: p.id,
          assignedBy: actor.id,
          assignedAt: now,
        })),
      )
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'licenses.assigned',
        entityType: 'subscription',
        entityId: sub.id,
        before: { assigned: assignedBefore, quantity: sub.quantity },
        after: {
          assigned: assignedBefore + toAssign.length,
          quantity: sub.quantity,
          userIds: toAssign.map((p) => p.id),
        },
        at: now,
      })
    }
    return ok({ assigned: toAssign, skipped, available: available - toAssign.length })
  })
}
