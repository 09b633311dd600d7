import { and, eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { addressOf, billingProfiles, paymentMethods } from '../../db/schema/index'
import type { CheckedCard } from '../../payments/card'
import type { GatewayResult } from '../../payments/gateway'
import type { Actor, Deps } from '../deps'
import type { Profile } from '../billing/own-profile'
import { customerOf, findHeldCard, tokenizeKey } from './held-card'

/** A saved card, a new card as typed, or a new card the gateway already holds for this buyer (see held-card.ts). */
export type PaymentChoice =
  | { kind: 'saved'; paymentMethodId: string }
  | { kind: 'new'; card: CheckedCard }
  | { kind: 'held'; token: string }

/** A card ready to charge: a saved card's token, or a new card tokenized on first use (once the
 *  charge intent is written), and for a new card what to save once paid. */
export type PaymentSource = {
  brand: string
  last4: string
  savedId: string | null
  newCard: { brand: string; last4: string; expMonth: number; expYear: number; nameOnCard: string } | null
  /** Names the card in a charge's fingerprint: the saved card's id, or a new card's visible details. */
  describe: string
  token: () => Promise<GatewayResult<string>>
}

/**
 * Turns the checkout's payment choice into a source. A saved card must be the actor's own, and so
 * must a held card (the gateway made its token for this buyer); a new card is tokenized when `token`
 * is first called (its number and code go no further) with a key derived from the form's, so a
 * double submit gets the same token back.
 */
export async function paymentSource(
  deps: Deps,
  actor: Actor,
  choice: PaymentChoice,
  formKey: string,
): Promise<PaymentSource | 'payment_method_not_found'> {
  if (choice.kind === 'saved') {
    const [pm] = await deps.db
      .select()
      .from(paymentMethods)
      .where(
        and(
          eq(paymentMethods.orgId, actor.orgId),
          eq(paymentMethods.ownerId, actor.id),
          eq(paymentMethods.id, choice.paymentMethodId),
        ),
      )
    if (!pm) return 'payment_method_not_found'
    const token = { ok: true, value: pm.gatewayToken } as const
    return {
      brand: pm.brand,
      last4: pm.last4,
      savedId: pm.id,
      newCard: null,
      describe: `saved:${pm.id}`,
      token: async () => token,
    }
  }
  if (choice.kind === 'held') {
    const held = await findHeldCard(deps, actor, choice.token)
    if (!held) return 'payment_method_not_found'
    const { token, ...newCard } = held
    const answer = { ok: true, value: token } as const
    return {
      brand: held.brand,
      last4: held.last4,
      savedId: null,
      newCard,
      describe: `held:${token}`,
      token: async () => answer,
    }
  }
  const { card } = choice
  const { brand, last4, expMonth, expYear, nameOnCard } = card
  let tokenized: Promise<GatewayResult<string>> | undefined
  const tokenize = async (): Promise<GatewayResult<string>> => {
    const out = await deps.gateway.tokenize(card, tokenizeKey(actor, formKey), customerOf(actor))
    return out.ok ? { ok: true, value: out.value.token } : out
  }
  return {
    brand,
    last4,
    savedId: null,
    newCard: { brand, last4, expMonth, expYear, nameOnCard },
    describe: `new:${brand}:${last4}:${expMonth}/${expYear}:${nameOnCard}`,
    token: () => (tokenized ??= tokenize()),
  }
}

/** Saves a new card (its billing address is the profile's bill-to) inside the purchase's
 *  transaction; a concurrent double submit with the same token finds the first row. */
export async function savePaymentSource(
  tx: Tx,
  actor: Actor,
  source: PaymentSource,
  profile: Profile,
  at: Date,
): Promise<string> {
  if (source.savedId) return source.savedId
  const card = source.newCard!
  const token = await source.token()
  if (!token.ok) throw new Error('a new card is saved only once tokenized')
  await tx
    .insert(paymentMethods)
    .values({
      orgId: actor.orgId,
      ownerId: actor.id,
      ...card,
      ...addressOf(profile),
      gatewayToken: token.value,
      createdAt: at,
    })
    .onConflictDoNothing({ target: paymentMethods.gatewayToken })
  const [row] = await tx
    .select({ id: paymentMethods.id })
    .from(paymentMethods)
    .where(eq(paymentMethods.gatewayToken, token.value))
  // A profile without a card gets this one as its payment method.
  if (!profile.paymentMethodId)
    await tx.update(billingProfiles).set({ paymentMethodId: row!.id }).where(eq(billingProfiles.id, profile.id))
  return row!.id
}
