import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import type { FieldError } from '../../views/components/error-summary'
import { CheckoutPage, type CheckoutOrder } from '../../views/pages/purchase/checkout'
import { ConfirmTotalPage } from '../../views/pages/purchase/confirm-total'
import { OrderSummary, OrderSummaryProblem, orderTotalText, SUMMARY_ID } from '../../views/pages/purchase/order-summary'
import { checkoutUrl, confirmTotalUrl, type OrderQuery, subscriptionUrl, trialUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import type { CatalogEntry } from '../services/purchase/catalog'
import { previewPurchase } from '../services/purchase/preview-purchase'
import { purchaseSubscription } from '../services/purchase/purchase-subscription'
import { isUuid, knownCard, parsePaymentChoice } from './payment-form'
import {
  type FormState,
  declinedCard,
  type KeptCard,
  keepCard,
  offerFor,
  paymentPart,
  refusalError,
  refused,
} from './purchase-form'
import { isDecline } from '../i18n/refusals'

/** Checkout (DESIGN §3 Purchase): the order, its price from the service, the card, and Buy. */
export const checkout = signedInRoutes()
type Ctx = Context<SignedInEnv>

/** The product behind :code when this user may buy it; else the answer to give instead. */
async function buyable(c: Ctx): Promise<CatalogEntry | Response> {
  const entry = await offerFor(c)
  if (!entry?.product.selfService) return notFound(c)
  if (entry.offer.canBuy) return entry
  // A trials-only product: the way in is its trial, so a GET goes there; a POST is refused.
  if (entry.offer.trial && c.req.method === 'GET') return c.redirect(trialUrl(entry.product.code), 303)
  return refused(c, entry, entry.offer.buyRefusal ?? 'blocked')
}

/** The order as typed: quantity must be a whole number within 1 and the product's maximum. */
function readOrder(c: Ctx, src: Record<string, unknown>, max: number) {
  const raw = typeof src.quantity === 'string' ? src.quantity.trim().slice(0, 12) : '1'
  const frequency: CheckoutOrder['frequency'] = src.frequency === 'annual' ? 'annual' : 'monthly'
  const profileId = isUuid(src.profile) ? src.profile : ''
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN
  const quantity = n >= 1 && n <= max ? n : null
  const errors: FieldError[] =
    quantity === null
      ? [{ field: 'quantity', message: c.var.t('refusal.quantity', { max: formatNumber(max, c.var.locale) }) }]
      : []
  if (src.frequency !== undefined && src.frequency !== 'monthly' && src.frequency !== 'annual')
    errors.push({ field: 'frequency-0', message: c.var.t('refusal.frequency') })
  return { order: { quantity: raw, frequency, profileId }, quantity, errors }
}

/** The order as a checkout URL carries it: as typed, with the card as kept (never a typed card). */
function orderQuery(order: CheckoutOrder, card: KeptCard['fields']): OrderQuery {
  return { quantity: order.quantity, frequency: order.frequency, profile: order.profileId || undefined, ...card }
}

/** The checkout priced by the service for the order in `src`, and what the form needs to show again. */
export async function checkoutView(c: Ctx, entry: CatalogEntry, src: Record<string, unknown>, state: FormState = {}) {
  const read = readOrder(c, src, entry.maxLicenses)
  const preview = await previewPurchase(c.var.deps, c.var.actor, entry.product, {
    ...read.order,
    quantity: read.quantity,
    card: knownCard(state.card ?? {}),
  })
  const order = { ...read.order, profileId: preview.profileId }
  const sent = state.errors ?? []
  const errors = [...sent, ...read.errors.filter((e) => !sent.some((x) => x.field === e.field))]
  const payment = paymentPart(c, { ...preview, needsProfile: true }, errors, state)
  const ctx = viewContext(c)
  return {
    ctx,
    order,
    quote: preview.quote,
    problem: errors[0]?.message ?? '',
    page: () =>
      c.html(
        CheckoutPage({
          ctx,
          product: entry.product,
          maxLicenses: entry.maxLicenses,
          order,
          quote: preview.quote,
          ...payment.props,
        }),
        payment.code,
      ),
  }
}

checkout.get('/:code', async (c) => {
  const entry = await buyable(c)
  if (entry instanceof Response) return entry
  const query = c.req.query()
  // After "Update total" the URL holds the order and the card as kept (a saved card's id or a held
  // card's token); the name on the card was not kept, so it starts as the buyer's name again.
  const card = query.payment ? { nameOnCard: c.var.actor.displayName, ...query } : undefined
  const view = await checkoutView(c, entry, query, { card, reenter: query.reenter === '1' })
  // htmx re-prices the summary as the order changes; without JavaScript, "Update total" posts the form
  // and is sent back here.
  return pageOrPart(c, view.page, () =>
    view.quote
      ? {
          fragment: OrderSummary({ ctx: view.ctx, quote: view.quote, frequency: view.order.frequency }),
          status: orderTotalText(view.ctx, view.quote),
        }
      : { fragment: OrderSummaryProblem({ message: view.problem }), status: view.problem, code: 422 },
  )
})

checkout.post('/:code', async (c) => {
  const entry = await buyable(c)
  if (entry instanceof Response) return entry
  const body = await c.req.parseBody()
  const read = readOrder(c, body, entry.maxLicenses)
  const payment = parsePaymentChoice(body, c.var.deps.clock.now(), c.var.t)
  const key = isUuid(body.idempotencyKey) ? body.idempotencyKey : randomUUID()
  const code = entry.product.code
  // "Update total" without JavaScript: nothing is bought, and the priced page is a GET (POST → 303 →
  // GET), so the history holds no POST result and Back after the purchase never asks to resend a form.
  if (body.intent === 'preview') {
    const kept = await keepCard(c, payment.choice, body, key)
    const reenter = kept.reenter ? '1' : undefined
    return c.redirect(checkoutUrl(code, { ...orderQuery(read.order, kept.fields), reenter }), 303)
  }
  // The form again with what was wrong, and its card as kept (a declined card is typed again). A
  // refused purchase may be tried again with the same key: nothing was created under it. After a
  // decline, a key already used for another order, or a card tokenized under it, the form gets a new key.
  const again = async (errors: FieldError[], kept: KeptCard, freshKey = false) => {
    const card = { ...body, ...kept.fields }
    const idempotencyKey = freshKey || kept.tokenized ? randomUUID() : key
    return (await checkoutView(c, entry, card, { errors, card, reenter: kept.reenter, idempotencyKey })).page()
  }
  const keep = () => keepCard(c, payment.choice, body, key)
  const profileError: FieldError[] = isUuid(body.profile)
    ? []
    : [{ field: 'profile', message: c.var.t('refusal.profile_not_found') }]
  const invalid = [...read.errors, ...profileError, ...payment.errors]
  if (invalid.length || !payment.choice || read.quantity === null) return again(invalid, await keep())

  const out = await purchaseSubscription(c.var.deps, c.var.actor, {
    productCode: code,
    quantity: read.quantity,
    frequency: read.order.frequency,
    billingProfileId: read.order.profileId,
    payment: payment.choice,
    idempotencyKey: key,
    expectedTotal:
      typeof body.quotedTotal === 'string' && /^\d{1,12}$/.test(body.quotedTotal) ? Number(body.quotedTotal) : -1,
  })
  if (out.ok)
    return c.redirect(subscriptionUrl(out.value.subscriptionId, out.value.replayed ? 'replayed' : 'purchased'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  if (out.refusal === 'total_changed') {
    // The buyer is never charged a total they did not see (an order changed while it was priced, or
    // typed without "Update total"): the new total is shown to confirm, on a GET page, with the card
    // kept — a new card as the gateway's token, so nothing is typed again.
    const kept = await keep()
    if (kept.fields.payment !== 'new')
      return c.redirect(confirmTotalUrl(code, { ...orderQuery(read.order, kept.fields), key }), 303)
    // The gateway would not hold the card: the checkout with the new total, the card to type again.
    return again([{ field: SUMMARY_ID, message: c.var.t('checkout.totalChanged') }], kept, true)
  }
  const declined = isDecline(out.refusal)
  const error = refusalError(c, out.refusal, entry.maxLicenses, payment.choice.kind === 'saved')
  if (declined) return again([error], declinedCard(payment.choice), true)
  return again([error], await keep(), out.refusal === 'key_reused')
})

checkout.get('/:code/confirm', async (c) => {
  const entry = await buyable(c)
  if (entry instanceof Response) return entry
  const query = c.req.query()
  const read = readOrder(c, query, entry.maxLicenses)
  const card = knownCard(query)
  const preview = await previewPurchase(c.var.deps, c.var.actor, entry.product, {
    ...read.order,
    quantity: read.quantity,
    card,
  })
  const fields =
    card?.kind === 'held' ? { payment: 'held', cardToken: card.token } : { payment: query.payment ?? 'new' }
  const confirm = preview.confirm
  // Nothing to confirm (no priced order, not the buyer's profile or card, no form key): the checkout
  // shows the order instead, and what is missing.
  if (!confirm || !isUuid(query.key))
    return c.redirect(checkoutUrl(entry.product.code, orderQuery(read.order, fields)), 303)
  return c.html(
    ConfirmTotalPage({
      ctx: viewContext(c),
      product: entry.product,
      order: read.order,
      ...confirm,
      card: fields,
      idempotencyKey: query.key,
      changeUrl: checkoutUrl(entry.product.code, orderQuery(read.order, fields)),
    }),
  )
})
