import type { CheckedCard } from './card'

// The one interface to a payment gateway (DESIGN §5). Every call carries an idempotency key: the
// same key always answers the same result and never moves money twice; the same key with other
// parameters is refused, as real gateways do. Only src/services/charges calls charge (and refunds
// a charge it could not record); src/services/invoices/refund-credit.ts refunds credit notes.

export const DECLINE_REASONS = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

export type Tokenized = { token: string; brand: string; last4: string }
/** What the gateway keeps of a tokenized card: enough to show it and save it, never its number or code. */
export type TokenCard = { brand: string; last4: string; expMonth: number; expYear: number; nameOnCard: string }
export type Charged = { reference: string }
export type Refunded = { reference: string }
/** A card the gateway checked: it may be saved and charged later. */
export type Verified = { checked: true }
export type GatewayResult<T> = { ok: true; value: T } | { ok: false; decline: DeclineReason }

/** What the gateway did under a charge's key: the reconciler's question after a crash or an outage. */
export type ChargeLookup =
  | { state: 'none' }
  | { state: 'declined'; decline: DeclineReason }
  | { state: 'charged'; reference: string; amount: number; currency: string }

export interface PaymentGateway {
  /** Swaps a checked card for a token made for `customer` (one buyer: see customerOf); the number
   *  and code go no further than this call. */
  tokenize(card: CheckedCard, idempotencyKey: string, customer: string): Promise<GatewayResult<Tokenized>>
  /** The card behind a token, when the token was made for this customer; null for a token of another
   *  customer or one the gateway never issued. A real gateway answers this from the payment method's
   *  customer: a token that came back in a form is charged only if it is the buyer's own. */
  cardOf(token: string, customer: string): Promise<TokenCard | null>
  charge(input: {
    token: string
    amount: number
    currency: string
    idempotencyKey: string
  }): Promise<GatewayResult<Charged>>
  refund(input: {
    chargeReference: string
    amount: number
    currency: string
    idempotencyKey: string
  }): Promise<GatewayResult<Refunded>>
  /** What became of the charge made under this key, if any. */
  lookup(idempotencyKey: string): Promise<ChargeLookup>
  /** Checks a card the gateway holds with its security code, moving no money (a zero-amount
   *  authorisation, as when a card is added or edited): the code goes no further than this call and
   *  nothing of it is kept, so there is nothing to replay and no idempotency key. The expiry is the
   *  one to check the card with (an edit may change it). */
  verify(input: { token: string; cvc: string; expMonth: number; expYear: number }): Promise<GatewayResult<Verified>>
}
