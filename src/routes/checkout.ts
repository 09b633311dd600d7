import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import type { FieldError } from '../../views/components/error-summary'
import { CheckoutPage, type CheckoutOrder } from '../../views/pages/purchase/checkout'
import { OrderSummary, OrderSummaryProblem, orderTotalText, SUMMARY_ID } from '../../views/pages/purchase/order-summary'
import { subscriptionUrl, trialUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import type { CatalogEntry } from '../services/purchase/catalog'
import { previewPurchase } from '../services/purchase/preview-purchase'
import { purchaseSubscription } from '../services/purchase/purchase-subscription'
import { cardValues, isUuid, parsePaymentChoice } from './payment-form'
import { type FormState, offerFor, paymentPart, refusalError, refused } from './purchase-form'
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

/** The checkout priced by the service for the order in `src`, and what the form needs to show again. */
export async function checkoutView(c: Ctx, entry: CatalogEntry, src: Record<string, unknown>, state: FormState = {}) {
  const read = readOrder(c, src, entry.maxLicenses)
  const preview = await previewPurchase(c.var.deps, c.var.actor, entry.product, {
    ...read.order,
    quantity: read.quantity,
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
  const view = await checkoutView(c, entry, c.req.query())
  // htmx re-prices the summary as the order changes; without JavaScript, "Update total" posts the form.
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
  const reenter = cardValues(body).payment === 'new'
  // "Update total": the same form priced again; nothing is bought.
  if (body.intent === 'preview')
    return (await checkoutView(c, entry, body, { card: body, reenter, idempotencyKey: key })).page()
  // A refused purchase may be tried again with the same key: nothing was created under it. After
  // a decline, or a key already used for another order, the form gets a new key: a new charge.
  const again = async (errors: FieldError[], freshKey = false) =>
    (
      await checkoutView(c, entry, body, { errors, card: body, reenter, idempotencyKey: freshKey ? randomUUID() : key })
    ).page()
  const profileError: FieldError[] = isUuid(body.profile)
    ? []
    : [{ field: 'profile', message: c.var.t('refusal.profile_not_found') }]
  const invalid = [...read.errors, ...profileError, ...payment.errors]
  if (invalid.length || !payment.choice || read.quantity === null) return again(invalid)

  const out = await purchaseSubscription(c.var.deps, c.var.actor, {
    productCode: entry.product.code,
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
  // JavaScript off, the count typed but not re-priced: show the new total before any charge.
  if (out.refusal === 'total_changed') return again([{ field: SUMMARY_ID, message: c.var.t('checkout.totalChanged') }])
  const freshKey = isDecline(out.refusal) || out.refusal === 'key_reused'
  return again([refusalError(c, out.refusal, entry.maxLicenses, payment.choice.kind === 'saved')], freshKey)
})
