// Which ways in a user has to a product (DESIGN §2, §3): the one place the policy is read.
export type PolicySetting = 'allowed' | 'trials_only' | 'blocked'
export type TrialOfferKind = 'none' | 'with_payment_method' | 'without_payment_method'

export type Offer = {
  canBuy: boolean
  /** The trial this user may start now, if any: a card is asked for only `with_payment_method`. */
  trial: 'with_payment_method' | 'without_payment_method' | null
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
  if (!p.selfService || policy === 'blocked' || u.kind !== 'member') return { canBuy: false, trial: null }
  const trialAvailable = p.trialOffer !== 'none' && !u.trialUsed
  if (policy === 'trials_only') return { canBuy: false, trial: trialAvailable ? 'without_payment_method' : null }
  return { canBuy: true, trial: trialAvailable ? (p.trialOffer as Offer['trial']) : null }
}
