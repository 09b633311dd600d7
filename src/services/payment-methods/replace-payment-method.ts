import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { addressOf, billingProfiles, paymentMethods, subscriptions } from '../../db/schema/index'
import type { CheckedCard } from '../../payments/card'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import { ownedProfile } from '../billing/billing-profile'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { saveCard, tokenizeAndVerify } from './new-card'
import { ownedCard } from './payment-methods'

/** Another saved card of the user's, or a new card typed in the pane. */
export type ReplaceChoice = { kind: 'saved'; paymentMethodId: string } | { kind: 'new'; card: CheckedCard }

export type Replaced = { card: { id: string; brand: string; last4: string }; moved: number }

/**
 * Replace (DESIGN §5): points a billing profile at another card, and every subscription billed to it
 * (deleted ones aside) with it, so their next charge — renewal, conversion, added licences,
 * reactivation — is on the new card. A new card is tokenized and verified first, outside any
 * transaction. Refuses not_found (a guest, another user's or tenant's profile),
 * payment_method_not_found (a saved card that is not the user's, or was deleted meanwhile) and the
 * gateway's declines for a new card.
 *
 * NOTE lock order: the subscriptions first, then the profile, as the charge path takes them (it locks
 * a subscription, then issueInvoice updates its profile), so the two never deadlock. A charge
 * already at the gateway finds its subscription's card changed under the lock and gives the money
 * back; the next attempt charges the new card.
 */
export async function replacePaymentMethod(
  deps: Deps,
  actor: Actor,
  profileId: string,
  choice: ReplaceChoice,
  formKey: string,
): Promise<Outcome<Replaced, 'not_found' | 'payment_method_not_found' | DeclineReason>> {
  if (!(await ownedProfile(deps.db, actor, profileId, { lock: false }))) return refuse('not_found')
  let token: string | null = null
  if (choice.kind === 'new') {
    const checked = await tokenizeAndVerify(deps, actor, choice.card, formKey)
    if (!checked.ok) return checked
    token = checked.value
  }
  return deps.db.transaction(async (tx) => {
    await lockBilledSubscriptions(tx, actor.orgId, profileId)
    const row = await ownedProfile(tx, actor, profileId, { lock: true })
    if (!row) return refuse('not_found')
    const { profile } = row
    const now = deps.clock.now()
    const card =
      choice.kind === 'saved'
        ? await ownedCard(tx, actor, choice.paymentMethodId, { lock: 'share' })
        : await saveCard(tx, actor, choice.card, addressOf(profile), token!, now)
    if (!card) return refuse('payment_method_not_found')
    const billed = await lockBilledSubscriptions(tx, actor.orgId, profileId)
    const moving = billed.filter((s) => s.paymentMethodId !== card.id)
    const audit = (action: string, entityType: string, entityId: string, before: unknown, after: unknown) =>
      recordAudit(tx, { orgId: actor.orgId, actorId: actor.id, action, entityType, entityId, before, after, at: now })
    if (profile.paymentMethodId !== card.id) {
      await tx.update(billingProfiles).set({ paymentMethodId: card.id }).where(eq(billingProfiles.id, profile.id))
      await audit(
        'billing_profile.payment_method_replaced',
        'billing_profile',
        profile.id,
        { paymentMethodId: profile.paymentMethodId, card: await cardName(tx, profile.paymentMethodId) },
        { paymentMethodId: card.id, card: `${card.brand} ${card.last4}` },
      )
    }
    if (moving.length > 0) {
      await tx
        .update(subscriptions)
        .set({ paymentMethodId: card.id, updatedAt: now })
        .where(
          inArray(
            subscriptions.id,
            moving.map((s) => s.id),
          ),
        )
      for (const s of moving)
        await audit(
          'subscription.payment_method_changed',
          'subscription',
          s.id,
          { paymentMethodId: s.paymentMethodId },
          { paymentMethodId: card.id, billingProfileId: profile.id },
        )
    }
    return ok({ card: { id: card.id, brand: card.brand, last4: card.last4 }, moved: moving.length })
  })
}

/** The subscriptions billed to a profile (deleted ones aside), locked in a stable order. */
function lockBilledSubscriptions(tx: Tx, orgId: string, profileId: string) {
  return tx
    .select({ id: subscriptions.id, paymentMethodId: subscriptions.paymentMethodId })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.orgId, orgId),
        eq(subscriptions.billingProfileId, profileId),
        ne(subscriptions.status, 'deleted'),
      ),
    )
    .orderBy(asc(subscriptions.id))
    .for('update')
}

async function cardName(tx: Tx, id: string | null): Promise<string | null> {
  if (!id) return null
  const [card] = await tx
    .select({ brand: paymentMethods.brand, last4: paymentMethods.last4 })
    .from(paymentMethods)
    .where(eq(paymentMethods.id, id))
  return card ? `${card.brand} ${card.last4}` : null
}
