import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { addressOf, billingAccounts, billingProfiles, paymentMethods } from '../../db/schema/index'
import type { CheckedCard } from '../../payments/card'
import type { Actor, Deps } from '../deps'

export type PaymentChoice = { kind: 'saved'; paymentMethodId: string } | { kind: 'new'; card: CheckedCard }

/** A card ready to charge: its gateway token, and for a new card what to save once paid. */
export type PaymentSource = {
  token: string
  brand: string
  last4: string
  savedId: string | null
  newCard: { brand: string; last4: string; expMonth: number; expYear: number; nameOnCard: string } | null
}

export type Profile = typeof billingProfiles.$inferSelect

/** The actor's own active billing profile, or null (another user's or tenant's looks missing). */
export async function ownProfile(deps: Deps, actor: Actor, id: string): Promise<Profile | null> {
  const [row] = await deps.db
    .select({ profile: billingProfiles })
    .from(billingProfiles)
    .innerJoin(billingAccounts, eq(billingAccounts.id, billingProfiles.billingAccountId))
    .where(and(eq(billingProfiles.orgId, actor.orgId), eq(billingProfiles.id, id), eq(billingAccounts.ownerId, actor.id), eq(billingProfiles.status, 'active')))
  return row?.profile ?? null
}

/**
 * Turns the checkout's payment choice into a token. A saved card must be the actor's own; a new
 * card is tokenized here (its number and code go no further) with a key derived from the form's,
 * so a double submit gets the same token back.
 */
export async function paymentSource(deps: Deps, actor: Actor, choice: PaymentChoice, formKey: string): Promise<PaymentSource | 'payment_method_not_found' | 'processing_error'> {
  if (choice.kind === 'saved') {
    const [pm] = await deps.db
      .select()
      .from(paymentMethods)
      .where(and(eq(paymentMethods.orgId, actor.orgId), eq(paymentMethods.ownerId, actor.id), eq(paymentMethods.id, choice.paymentMethodId)))
    if (!pm) return 'payment_method_not_found'
    return { token: pm.gatewayToken, brand: pm.brand, last4: pm.last4, savedId: pm.id, newCard: null }
  }
  const { card } = choice
  const tokenized = await deps.gateway.tokenize(card, `tokenize:${actor.orgId}:${actor.id}:${formKey}`)
  if (!tokenized.ok) return 'processing_error'
  const { brand, last4, expMonth, expYear, nameOnCard } = card
  return { token: tokenized.value.token, brand, last4, savedId: null, newCard: { brand, last4, expMonth, expYear, nameOnCard } }
}

/** Saves a new card (its billing address is the profile's bill-to) inside the purchase's
 *  transaction; a concurrent double submit with the same token finds the first row. */
export async function savePaymentSource(tx: Tx, actor: Actor, source: PaymentSource, profile: Profile, at: Date): Promise<string> {
  if (source.savedId) return source.savedId
  const card = source.newCard!
  await tx
    .insert(paymentMethods)
    .values({
      orgId: actor.orgId,
      ownerId: actor.id,
      ...card,
      ...addressOf(profile),
      gatewayToken: source.token,
      createdAt: at,
    })
    .onConflictDoNothing({ target: paymentMethods.gatewayToken })
  const [row] = await tx.select({ id: paymentMethods.id }).from(paymentMethods).where(eq(paymentMethods.gatewayToken, source.token))
  // A profile without a card gets this one as its payment method.
  if (!profile.paymentMethodId) await tx.update(billingProfiles).set({ paymentMethodId: row!.id }).where(eq(billingProfiles.id, profile.id))
  return row!.id
}
