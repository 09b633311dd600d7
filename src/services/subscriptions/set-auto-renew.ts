import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import { loadOwnSubscription } from './load-own-subscription'
import { canSetAutoRenew } from './subscription-rules'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

/**
 * Turns recurring billing on or off. Off is not a cancellation (no reason, no refund) but it drops a
 * pending licence reduction, since there will be no renewal to apply it at. On again also lifts a
 * cancellation at term end. Refuses not_found, not_active.
 */
export async function setAutoRenew(
  deps: Deps,
  actor: Actor,
  id: string,
  on: boolean,
): Promise<Outcome<{ droppedPendingQuantity: number | null }, 'not_found' | 'not_active'>> {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const sub = (await loadOwnSubscription(tx, actor, id, { lock: true }))?.sub
    if (!sub) return refuse('not_found')
    if (!canSetAutoRenew(sub.status)) return refuse('not_active')
    if (sub.autoRenew === on) return ok({ droppedPendingQuantity: null })
    const changes = on
      ? { autoRenew: true, cancelledAt: null, cancellationReason: null, cancellationFeedback: null, updatedAt: now }
      : { autoRenew: false, pendingQuantity: null, updatedAt: now }
    const [after] = await tx.update(subscriptions).set(changes).where(eq(subscriptions.id, id)).returning()
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: on ? 'subscription.auto_renew_on' : 'subscription.auto_renew_off',
      entityType: 'subscription',
      entityId: id,
      before: { autoRenew: sub.autoRenew, pendingQuantity: sub.pendingQuantity, cancelledAt: sub.cancelledAt },
      after: { autoRenew: after!.autoRenew, pendingQuantity: after!.pendingQuantity, cancelledAt: after!.cancelledAt },
      at: now,
    })
    return ok({ droppedPendingQuantity: on ? null : sub.pendingQuantity })
  })
}
