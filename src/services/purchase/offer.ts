// Which ways in a user has to a product (DESIGN §2, §3): the one place the policy is read, and the
// one place that says why a way in is closed (the checkout, the trial and the catalog show it).
export type PolicySetting = 'allowed' | 'trials_only' | 'blocked'
export type TrialOfferKind = 'none' | 'with_payment_method' | 'without_payment_method'
export type BuyRefusal = 'guest' | 'blocked' | 'trials_only'
export type TryRefusal = 'guest' | 'blocked' | 'no_trial' | 'trial_used'

export type Offer = {
  canBuy: boolean
  /** The trial this user may start now, if any: a card is asked for only `with_payment_method`. */
  trial: 'with_payment_method' | 'without_payment_method' | null
  /** Why buying is refused; null when `canBuy`. */
  buyRefusal: BuyRefusal | null
  /** Why a trial is refused; null when `trial` is set. */
  trialRefusal: TryRefusal | null
}

/**
 * `allowed`: buy, and try as the product offers. `trials_only`: a trial without a payment method
 * (even where the product's trial normally asks for a card), never a purchase. `blocked`:
 * nothing. A guest may do neither (DESIGN §1); a trial is once per product per user.
 */
export function offerFor(
  p: { selfService: boolean; trialOffer: TrialOfferKind },
  policy: PolicySetting,
  u: { kind: 'member' | 'guest'; trialUsed: boolean },
): Offer {
  if (u.kind !== 'member') return { canBuy: false, trial: null, buyRefusal: 'guest', trialRefusal: 'guest' }
  if (!p.selfService || policy === 'blocked')
    return { canBuy: false, trial: null, buyRefusal: 'blocked', trialRefusal: 'blocked' }
  const canBuy = policy === 'allowed'
  // A trials-only product without a trial offers nothing at all: that reads as blocked.
  const trialRefusal = p.trialOffer === 'none' ? (canBuy ? 'no_trial' : 'blocked') : u.trialUsed ? 'trial_used' : null
  const trial = trialRefusal ? null : canBuy ? (p.trialOffer as Offer['trial']) : 'without_payment_method'
  return { canBuy, trial, buyRefusal: canBuy ? null : trial ? 'trials_only' : 'blocked', trialRefusal }
}
