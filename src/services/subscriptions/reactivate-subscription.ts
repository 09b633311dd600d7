import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { chargeTerm } from './charge-term'
import { loadOwnSubscription } from './load-own-subscription'
import { isReactivatable, licensesAtRenewal } from './subscription-rules'

export type ReactivateRefusal = 'not_found' | 'not_reactivatable' | 'no_payment_method' | DeclineReason

/**
 * Brings an expired or disabled subscription back (DESIGN §3): charges a new term from today at its
 * licence count and price (invoice *Reactivate*) through the charge path, status active, recurring
 * billing on. Refuses not_found, not_reactivatable, no_payment_method and the gateway's declines.
 */
export async function reactivateSubscription(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<{ invoiceId: string | null }, ReactivateRefusal>> {
  const now = deps.clock.now()
  const sub = (await loadOwnSubscription(deps.db, actor, id, { lock: false }))?.sub
  if (!sub) return refuse('not_found')
  if (!isReactivatable(sub.status)) return refuse('not_reactivatable')
  // A reduction scheduled before the subscription expired takes effect with the new term.
  const quantity = licensesAtRenewal(sub)
  const charged = await chargeTerm(deps, sub, {
    // One key per episode and attempt: the expiry it ends (statusChangedAt) names the episode, so a
    // second reactivation months later is a new charge, and a retry after a failure is too.
    keyPrefix: `reactivate:${id}:${sub.statusChangedAt.toISOString()}:`,
    type: 'reactivate',
    quantity,
    start: now,
    unchanged: (l) => l.status === sub.status && l.statusChangedAt.getTime() === sub.statusChangedAt.getTime(),
    apply: async (tx, locked, term) => {
      const [after] = await tx
        .update(subscriptions)
        .set({
          status: 'active',
          statusChangedAt: now,
          quantity,
          termStart: term.termStart,
          termEnd: term.termEnd,
          autoRenew: true,
          cancelledAt: null,
          cancellationReason: null,
          cancellationFeedback: null,
          pendingQuantity: null,
          updatedAt: now,
        })
        .where(eq(subscriptions.id, id))
        .returning()
      const after_ = { ...after, invoiceId: term.invoiceId, chargeReference: term.chargeReference }
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'subscription.reactivated',
        entityType: 'subscription',
        entityId: id,
        before: locked,
        after: after_,
        at: now,
      })
    },
  })
  if (charged.ok) return ok({ invoiceId: charged.term.invoiceId })
  // Reactivated meanwhile (a double click): the subscription is back, paid once.
  if (charged.reason === 'replayed') return ok({ invoiceId: null })
  // Given back because the subscription changed meanwhile: done only if it is active now.
  if (charged.reason === 'changed_meanwhile') {
    const current = await loadOwnSubscription(deps.db, actor, id, { lock: false })
    return current?.sub.status === 'active' ? ok({ invoiceId: null }) : refuse('processing_error')
  }
  if (charged.reason === 'no_payment_method') return refuse('no_payment_method')
  return refuse(charged.reason === 'key_reused' || charged.reason === 'spent_key' ? 'processing_error' : charged.reason)
}
