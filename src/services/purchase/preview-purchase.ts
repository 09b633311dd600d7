import { type Frequency, type Quote, quoteTerm } from '../../money/quote'
import { DAY_MS } from '../../money/proration'
import { TRIAL_DAYS } from '../../rules'
import { billingChoices, type CardChoice, type ProfileChoice } from '../billing/billing-choices'
import type { Actor, Deps } from '../deps'
import type { Product } from './catalog'

export type PurchasePreview = {
  profiles: ProfileChoice[]
  cards: CardChoice[]
  /** The profile the order is for: the one chosen when it is the buyer's, else the first ('' when none). */
  profileId: string
  /** The order priced for that profile's country; null while the quantity is not valid or there is no profile. */
  quote: Quote | null
}

/** What the checkout shows before Buy (DESIGN §3 Purchase): the buyer's profiles and cards and the
 *  priced order. Reads only; purchaseSubscription prices again, and refuses total_changed if it differs. */
export async function previewPurchase(
  deps: Deps,
  actor: Actor,
  product: Product,
  order: { quantity: number | null; frequency: Frequency; profileId: string },
): Promise<PurchasePreview> {
  const { profiles, cards } = await billingChoices(deps, actor)
  const profile = profiles.find((p) => p.id === order.profileId) ?? profiles[0]
  const quote =
    profile && order.quantity
      ? quoteTerm(product, {
          frequency: order.frequency,
          quantity: order.quantity,
          country: profile.country,
          start: deps.clock.now(),
        })
      : null
  return { profiles, cards, profileId: profile?.id ?? '', quote }
}

export type TrialPreview = { profiles: ProfileChoice[]; cards: CardChoice[]; endsOn: Date }

/** What the Start trial page shows: when the trial would end (§3), and the buyer's profiles and
 *  cards when the trial needs a card. Reads only. */
export async function previewTrial(deps: Deps, actor: Actor, withCard: boolean): Promise<TrialPreview> {
  const { profiles, cards } = withCard ? await billingChoices(deps, actor) : { profiles: [], cards: [] }
  return { profiles, cards, endsOn: new Date(deps.clock.now().getTime() + TRIAL_DAYS * DAY_MS) }
}
