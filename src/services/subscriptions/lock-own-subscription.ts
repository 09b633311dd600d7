import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { subscriptions } from '../../db/schema/index'
import type { Actor } from '../deps'

/**
 * The actor's own subscription, row-locked for the rest of the transaction (DESIGN §4: every
 * change of quantity or assignments holds this lock). Null for an unknown id, another purchaser's
 * or another tenant's, and a deleted one: they all look missing.
 */
export async function lockOwnSubscription(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<typeof subscriptions.$inferSelect | null> {
  const [sub] = await tx
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
    .for('update')
  return sub && sub.status !== 'deleted' ? sub : null
}
