import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import { lockOwnSubscription } from './lock-own-subscription'
import type { Actor, Deps } from '../deps'
import { failedAttempts } from '../invoices/charge-ledger'
import { ok, refuse, type Outcome } from '../outcome'
import { chargeTerm } from './charge-term'

export type ReactivateRefusal = 'not_found' | 'not_reactivatable' | 'no_payment_method' | DeclineReason

/**
 * Brings an expired or disabled subscription back (DESIGN §3): charges a new term from today at its
 * licence count and price (invoice *Reactivate*), status active, recurring billing on. Refuses
 * not_found, not_reactivatable, no_payment_method and the gateway's declines.
 */
export async function reactivateSubscription(deps: Deps, actor: Actor, id: string): Promise<Outcome<{ invoiceId: string }, ReactivateRefusal>> {
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    const sub = await lockOwnSubscription(tx, actor, id)
    if (!sub) return refuse('not_found')
    if (sub.status !== 'expired' && sub.status !== 'disabled') return refuse('not_reactivatable')
    // One key per episode and attempt: the expiry it ends (statusChangedAt) names the episode, so a
    // second reactivation months later is a new charge, and a retry after a failure is too.
    const episode = `reactivate:${id}:${sub.statusChangedAt.toISOString()}:`
    const key = `${episode}${await failedAttempts(tx, actor.orgId, episode)}`
    // A reduction scheduled before the subscription expired takes effect with the new term.
    const quantity = sub.pendingQuantity ?? sub.quantity
    const charged = await chargeTerm(deps, tx, sub, { key, type: 'reactivate', quantity, start: now })
    if (!charged.ok) return refuse(charged.reason === 'no_payment_method' ? 'no_payment_method' : charged.reason === 'spent_key' ? 'processing_error' : (charged.reason as DeclineReason))
    const [after] = await tx
      .update(subscriptions)
      .set({ status: 'active', statusChangedAt: now, quantity, termStart: charged.termStart, termEnd: charged.termEnd, autoRenew: true, cancelledAt: null, cancellationReason: null, cancellationFeedback: null, pendingQuantity: null, updatedAt: now })
      .where(eq(subscriptions.id, id))
      .returning()
    await recordAudit(tx, { orgId: actor.orgId, actorId: actor.id, action: 'subscription.reactivated', entityType: 'subscription', entityId: id, before: sub, after: { ...after, invoiceId: charged.invoiceId }, at: now })
    return ok({ invoiceId: charged.invoiceId })
  })
}
