import { and, eq } from 'drizzle-orm'
import { paymentMethods, subscriptions } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { auditedCard } from './new-card'
import { type CardUse, isUsed, ownedCard, usesOf } from './payment-methods'

export type DeleteOutcome =
  | Outcome<{ brand: string; last4: string }, 'not_found'>
  | { ok: false; refusal: 'in_use'; usedBy: CardUse }

/**
 * Deletes a card that no profile and no subscription uses (DESIGN §5), audited with what it was.
 * Refuses not_found (a guest, another user's or tenant's card) and in_use, with what uses it. The
 * card's row lock makes "unused, so delete" atomic: a Replace that points a profile at it locks the
 * same row first (FOR SHARE), so one waits for the other and sees its outcome.
 */
export async function deletePaymentMethod(deps: Deps, actor: Actor, id: string): Promise<DeleteOutcome> {
  return deps.db.transaction(async (tx) => {
    const card = await ownedCard(tx, actor, id, { lock: 'update' })
    if (!card) return refuse('not_found')
    const usedBy = (await usesOf(tx, actor.orgId, [card.id])).get(card.id)!
    if (isUsed(usedBy)) return { ok: false, refusal: 'in_use', usedBy } as const
    // Deleted subscriptions keep their invoices (which name the card by brand and last four), not the card.
    await tx
      .update(subscriptions)
      .set({ paymentMethodId: null })
      .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.paymentMethodId, card.id)))
    await tx.delete(paymentMethods).where(eq(paymentMethods.id, card.id))
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'payment_method.deleted',
      entityType: 'payment_method',
      entityId: card.id,
      before: auditedCard(card),
      at: deps.clock.now(),
    })
    return ok({ brand: card.brand, last4: card.last4 })
  })
}
