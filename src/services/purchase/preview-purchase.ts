import { type Frequency, type Quote, quoteTerm } from '../../money/quote'
import { DAY_MS } from '../../money/proration'
import { TRIAL_DAYS } from '../../rules'
import { billingChoices, type CardChoice, type ProfileChoice } from '../billing/billing-choices'
import type { Actor, Deps } from '../deps'
import type { Product } from './catalog'
import { findHeldCard, type HeldCard } from './held-card'

export type PurchasePreview = {
  profiles: ProfileChoice[]
  cards: CardChoice[]
  /** The profile the order is for: the one chosen when it is the buyer's, else the first ('' when none). */
  profileId: string
  /** The order priced for that profile's country; null while the quantity is not valid or there is no profile. */
  quote: Quote | null
  /** The new card the gateway holds for this buyer, when the order names one (null for anyone else's token). */
  held: HeldCard | null
  /** What the new-total check shows, when the order can be bought as it stands: priced, for the
   *  buyer's profile it names, with a saved or held card of theirs. Null otherwise. */
  confirm: { quote: Quote; profileName: string; payWith: { brand: string; last4: string } } | null
}

/** A card an order names that is already at the gateway: a saved card or a held one (never a typed card). */
export type KnownCard = { kind: 'saved'; paymentMethodId: string } | { kind: 'held'; token: string }

/** What the checkout shows before Buy (DESIGN §3 Purchase): the buyer's profiles and cards, the priced
 *  order and the card it names. Reads only; purchaseSubscription prices again, and refuses
 *  total_changed if it differs. */
export async function previewPurchase(
  deps: Deps,
  actor: Actor,
  product: Product,
  order: { quantity: number | null; frequency: Frequency; profileId: string; card?: KnownCard | null },
): Promise<PurchasePreview> {
  const [{ profiles, cards }, held] = await Promise.all([
    billingChoices(deps, actor),
    order.card?.kind === 'held' ? findHeldCard(deps, actor, order.card.token) : null,
  ])
  const saved = order.card?.kind === 'saved' ? order.card.paymentMethodId : null
  const payWith = held ?? cards.find((c) => c.id === saved) ?? null
  const named = profiles.find((p) => p.id === order.profileId)
  const profile = named ?? profiles[0]
  const quote =
    profile && order.quantity
      ? quoteTerm(product, {
          frequency: order.frequency,
          quantity: order.quantity,
          country: profile.country,
          start: deps.clock.now(),
        })
      : null
  return {
    profiles,
    cards,
    profileId: profile?.id ?? '',
    quote,
    held,
    confirm:
      named && quote && payWith
        ? { quote, profileName: named.name, payWith: { brand: payWith.brand, last4: payWith.last4 } }
        : null,
  }
}

export type TrialPreview = { profiles: ProfileChoice[]; cards: CardChoice[]; held: HeldCard | null; endsOn: Date }

/** What the Start trial page shows: when the trial would end (§3), and the buyer's profiles and
 *  cards (with the card held for them, if the form names one) when the trial needs a card. Reads only. */
export async function previewTrial(
  deps: Deps,
  actor: Actor,
  withCard: boolean,
  card: KnownCard | null = null,
): Promise<TrialPreview> {
  const [{ profiles, cards }, held] = withCard
    ? await Promise.all([
        billingChoices(deps, actor),
        card?.kind === 'held' ? findHeldCard(deps, actor, card.token) : null,
      ])
    : [{ profiles: [], cards: [] }, null]
  return { profiles, cards, held, endsOn: new Date(deps.clock.now().getTime() + TRIAL_DAYS * DAY_MS) }
}
