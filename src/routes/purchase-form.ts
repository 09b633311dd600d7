import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { EMPTY_ADDRESS, type AddressValues } from '../../views/components/address-fields'
import type { FieldError } from '../../views/components/error-summary'
import { RefusalPage } from '../../views/pages/errors/error-page'
import { productName } from '../../views/pages/purchase/purchase-frame'
import { purchaseUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import { isDecline, PURCHASE_REFUSAL_MESSAGES } from '../i18n/refusals'
import type { CardChoice, ProfileChoice } from '../services/billing/billing-choices'
import { type CatalogEntry, productOffer } from '../services/purchase/catalog'
import type { PurchaseRefusal } from '../services/purchase/purchase-subscription'
import type { TrialRefusal } from '../services/purchase/start-trial'
import { holdCard, type HeldCard } from '../services/purchase/held-card'
import type { PaymentChoice } from '../services/purchase/payment-source'
import { byField, cardValues } from './payment-form'

// What the checkout (checkout.ts) and the Start trial page (trial.ts) share: the product behind
// :code, the 403 page when the offer is closed, where a refusal is shown, and the payment part.

type Ctx = Context<SignedInEnv>

// Product codes are short and plain (PROJ-P3): anything else is no product of ours.
const PRODUCT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

/** The catalog entry behind :code for this user, or null when there is no such product. */
export async function offerFor(c: Ctx): Promise<CatalogEntry | null> {
  const code = c.req.param('code') ?? ''
  return PRODUCT_CODE.test(code) ? productOffer(c.var.deps, c.var.actor, code) : null
}

/** The policy or the user's kind says no: a 403 page with the reason, even for a crafted POST. */
export function refused(
  c: Ctx,
  entry: CatalogEntry,
  refusal: 'guest' | 'blocked' | 'trials_only' | 'trial_used' | 'no_trial',
): Response {
  return c.html(
    RefusalPage({
      ctx: viewContext(c),
      title: productName(entry.product, c.var.locale),
      message: c.var.t(PURCHASE_REFUSAL_MESSAGES[refusal]),
      back: { href: purchaseUrl(), label: c.var.t('checkout.back') },
    }),
    403,
  )
}

type Refusal = Exclude<PurchaseRefusal | TrialRefusal, 'not_found'>

// Where each refusal is shown: beside a field when one is to blame, else at the top.
const REFUSAL_FIELD: Partial<Record<Refusal, string>> = {
  quantity_too_high: 'quantity',
  profile_not_found: 'profile',
  currency_mismatch: 'profile',
  payment_method_not_found: 'payment',
  card_declined: 'cardNumber',
  insufficient_funds: 'cardNumber',
  expired_card: 'expMonth',
  incorrect_cvc: 'cvc',
  processing_error: 'cardNumber',
}

/** A service refusal as an error for the form: its words, beside the field to blame. */
export function refusalError(c: Ctx, refusal: Refusal, max: number, savedCard: boolean): FieldError {
  const field = savedCard && isDecline(refusal) ? 'payment' : (REFUSAL_FIELD[refusal] ?? 'main')
  return { field, message: c.var.t(PURCHASE_REFUSAL_MESSAGES[refusal], { max: formatNumber(max, c.var.locale) }) }
}

/** What a form that comes back carries of its card (see keepCard). */
export type KeptCard = {
  /** The payment choice, and a held card's token: never a typed number or code. */
  fields: { payment: string; cardToken?: string }
  /** A new card was typed but could not be kept: the page asks for it again. */
  reenter: boolean
  /** The card was tokenized under the form's key: the form comes back with a new key, so a
   *  different card typed next is not refused as the same key with other details. */
  tokenized: boolean
}

/** What a form that must come back keeps of its card (issue 11: the buyer never types a card twice
 *  for nothing): a saved or held card as chosen; a new card typed correctly as the token the gateway
 *  now holds for this buyer. Whose a held card is, the page's preview checks again. */
export async function keepCard(
  c: Ctx,
  choice: PaymentChoice | null,
  body: Record<string, unknown>,
  formKey: string,
): Promise<KeptCard> {
  if (choice?.kind === 'saved')
    return { fields: { payment: `saved:${choice.paymentMethodId}` }, reenter: false, tokenized: false }
  if (choice?.kind === 'held')
    return { fields: { payment: 'held', cardToken: choice.token }, reenter: false, tokenized: false }
  const typed = typeof body.cardNumber === 'string' && body.cardNumber.trim() !== ''
  if (choice?.kind !== 'new') return { fields: { payment: 'new' }, reenter: typed, tokenized: false }
  const held = await holdCard(c.var.deps, c.var.actor, choice.card, formKey)
  // Refused, it is typed again, and Buy says why if the gateway refuses it again.
  if (!held.ok) return { fields: { payment: 'new' }, reenter: true, tokenized: true }
  return { fields: { payment: 'held', cardToken: held.value.token }, reenter: false, tokenized: true }
}

/** What a form keeps of a card the gateway declined: a saved card stays chosen (its message beside
 *  it); a new or held card is typed again, since its token would be declined too. */
export function declinedCard(choice: PaymentChoice | null): KeptCard {
  if (choice?.kind === 'saved')
    return { fields: { payment: `saved:${choice.paymentMethodId}` }, reenter: false, tokenized: false }
  return { fields: { payment: 'new' }, reenter: true, tokenized: false }
}

/** How a checkout or trial form is shown again: what was sent and what was wrong. */
export type FormState = {
  /** Invalid input or a refusal: the summary at the top and each message beside its field. */
  errors?: FieldError[]
  /** The form as sent, for the card part (never its number or code, see cardValues). */
  card?: Record<string, unknown>
  /** The new-card fields must be typed again (they are never shown back). */
  reenter?: boolean
  /** The billing address form, when the organisation has no billing profile yet. */
  setup?: { values: AddressValues; errors: FieldError[] }
  /** The key the next submit is charged under (a fresh one after a decline). */
  idempotencyKey?: string
}

/** The payment part both pages show: the address form first when there is no profile, else the
 *  card; with the summary of errors and the 422 when there are any. */
export function paymentPart(
  c: Ctx,
  choices: { profiles: ProfileChoice[]; cards: CardChoice[]; held: HeldCard | null; needsProfile: boolean },
  errors: FieldError[],
  state: FormState,
) {
  const setup =
    choices.needsProfile && choices.profiles.length === 0
      ? { values: state.setup?.values ?? EMPTY_ADDRESS, errors: byField(state.setup?.errors ?? []) }
      : null
  const summary = setup ? (state.setup?.errors ?? []) : errors
  const first = choices.cards[0]
  const card = cardValues(
    state.card ?? { payment: first ? `saved:${first.id}` : 'new', nameOnCard: c.var.actor.displayName },
  )
  // A held card that is not (or no longer) the buyer's is not offered: the new card is chosen instead.
  if (card.payment === 'held' && !choices.held) card.payment = 'new'
  return {
    props: {
      profiles: choices.profiles,
      cards: choices.cards,
      held: choices.held,
      card,
      errors: byField(errors),
      summary,
      idempotencyKey: state.idempotencyKey ?? randomUUID(),
      reenter: Boolean(state.reenter),
      setup,
    },
    // A submit that failed is a 422 even when the address form hides its errors.
    code: summary.length || state.errors?.length ? (422 as const) : (200 as const),
  }
}
