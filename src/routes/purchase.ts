import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { z } from 'zod'
import { EMPTY_ADDRESS, type AddressValues } from '../../views/components/billing-setup-form'
import type { FieldError } from '../../views/components/error-summary'
import { CatalogPage } from '../../views/pages/purchase/catalog'
import { CheckoutPage, type CheckoutOrder } from '../../views/pages/purchase/checkout'
import { OrderSummary, OrderSummaryProblem, orderTotalText, SUMMARY_ID } from '../../views/pages/purchase/order-summary'
import { TrialPage } from '../../views/pages/purchase/trial'
import { productName } from '../../views/pages/purchase/purchase-frame'
import { RefusalPage } from '../../views/pages/errors/error-page'
import type { MessageKey } from '../i18n/index'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { isPartial, update } from '../http/respond'
import { viewContext } from '../http/view-context'
import { signedInRoutes } from '../http/session'
import { TAX_RATES_BP } from '../money/tax'
import { formatNumber } from '../i18n/format'
import { billingChoices } from '../services/billing/billing-choices'
import { setUpBilling } from '../services/billing/set-up-billing'
import { listPurchaseCatalog, productOffer, type CatalogEntry } from '../services/purchase/catalog'
import { purchaseSubscription } from '../services/purchase/purchase-subscription'
import { quoteTerm } from '../money/quote'
import { startTrial } from '../services/purchase/start-trial'
import { TRIAL_DAYS } from '../rules'
import { DAY_MS } from '../money/proration'
import { byField, cardValues, isUuid, parsePaymentChoice } from './payment-form'
import { checkoutUrl, purchaseUrl, subscriptionUrl, trialUrl } from '../../views/urls'
export const purchase = signedInRoutes()

type Ctx = Context<SignedInEnv>
type Extra = {
  errors?: FieldError[]
  status?: 200 | 422
  card?: Record<string, unknown>
  reenter?: boolean
  setup?: { values: AddressValues; errors: FieldError[] }
  idempotencyKey?: string
}

purchase.get('/', async (c) =>
  c.html(CatalogPage({ ctx: viewContext(c), entries: await listPurchaseCatalog(c.var.deps, c.var.actor) })),
)

/** The product behind :code when this user may buy it; else the page to show instead. */
// Product codes are short and plain (PROJ-P3): anything else is no product of ours.
const PRODUCT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/

async function offerFor(c: Ctx): Promise<CatalogEntry | null> {
  const code = c.req.param('code') ?? ''
  return PRODUCT_CODE.test(code) ? productOffer(c.var.deps, c.var.actor, code) : null
}

async function buyable(c: Ctx): Promise<CatalogEntry | Response> {
  const entry = await offerFor(c)
  if (!entry?.product.selfService) return notFound(c)
  if (entry.offer.canBuy) return entry
  // A trials-only product: the way in is its trial, so a GET goes there; a POST is refused.
  if (entry.offer.trial && c.req.method === 'GET') return c.redirect(trialUrl(entry.product.code), 303)
  return refused(c, entry, entry.offer.buyRefusal ?? 'blocked')
}

/** The policy or the user's kind says no: a 403 page with the reason, even for a crafted POST. */
function refused(
  c: Ctx,
  entry: CatalogEntry,
  refusal: 'guest' | 'blocked' | 'trials_only' | 'trial_used' | 'no_trial',
): Response {
  const name = productName(entry.product, c.var.locale)
  return c.html(
    RefusalPage({
      ctx: viewContext(c),
      title: name,
      message: c.var.t(`refusal.${refusal}`),
      back: { href: purchaseUrl(), label: c.var.t('checkout.back') },
    }),
    403,
  )
}

/** The order as typed: quantity must be a whole number within 1 and the product's maximum. */
function readOrder(
  c: Ctx,
  src: Record<string, unknown>,
  max: number,
): { order: CheckoutOrder; quantity: number | null; errors: FieldError[] } {
  const raw = typeof src.quantity === 'string' ? src.quantity.trim().slice(0, 12) : '1'
  const frequency = src.frequency === 'annual' ? 'annual' : 'monthly'
  const profileId = isUuid(src.profile) ? src.profile : ''
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  const quantity = n >= 1 && n <= max ? n : null
  const errors: FieldError[] =
    quantity === null
      ? [{ field: 'quantity', message: c.var.t('refusal.quantity', { max: formatNumber(max, c.var.locale) }) }]
      : []
  if (src.frequency !== undefined && src.frequency !== 'monthly' && src.frequency !== 'annual')
    errors.push({ field: 'frequency-0', message: c.var.t('refusal.frequency') })
  return { order: { quantity: raw, frequency, profileId }, quantity, errors }
}

async function showCheckout(
  c: Ctx,
  entry: CatalogEntry,
  src: Record<string, unknown>,
  extra: Extra = {},
): Promise<Response> {
  const ctx = viewContext(c)
  const { profiles, cards } = await billingChoices(c.var.deps, c.var.actor)
  const max = entry.maxLicenses
  const read = readOrder(c, src, max)
  const profile = profiles.find((p) => p.id === read.order.profileId) ?? profiles[0]
  const order = { ...read.order, profileId: profile?.id ?? '' }
  const quote =
    profile && read.quantity
      ? quoteTerm(entry.product, {
          frequency: order.frequency,
          quantity: read.quantity,
          country: profile.country,
          start: c.var.deps.clock.now(),
        })
      : null
  const errors = [
    ...(extra.errors ?? []),
    ...read.errors.filter((e) => !(extra.errors ?? []).some((x) => x.field === e.field)),
  ]
  if (isPartial(c) && !extra.errors) {
    const message = errors[0]?.message ?? ''
    return quote
      ? update(c, {
          fragment: OrderSummary({ ctx, quote, frequency: order.frequency }),
          status: orderTotalText(ctx, quote),
        })
      : update(c, { fragment: OrderSummaryProblem({ message }), status: message, code: 422 })
  }
  const setup =
    profiles.length === 0
      ? { values: extra.setup?.values ?? EMPTY_ADDRESS, errors: byField(extra.setup?.errors ?? []) }
      : null
  const summary = setup ? (extra.setup?.errors ?? []) : errors
  return c.html(
    CheckoutPage({
      ctx,
      product: entry.product,
      order,
      quote,
      profiles,
      cards,
      card: cardValues(
        extra.card ?? { payment: cards[0] ? `saved:${cards[0].id}` : 'new', nameOnCard: c.var.actor.displayName },
      ),
      errors: byField(errors),
      summary,
      idempotencyKey: extra.idempotencyKey ?? randomUUID(),
      reenter: Boolean(extra.reenter),
      setup,
    }),
    extra.status ?? (summary.length ? 422 : 200),
  )
}

purchase.get('/:code', async (c) => {
  const entry = await buyable(c)
  return entry instanceof Response ? entry : showCheckout(c, entry, c.req.query())
})

// Where each refusal is shown: beside a field when one is to blame, else at the top.
const REFUSAL_FIELD: Record<string, string> = {
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
const DECLINES = new Set(['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc', 'processing_error'])

function refusalError(c: Ctx, refusal: string, max: number, savedCard: boolean): FieldError {
  const field = savedCard && DECLINES.has(refusal) ? 'payment' : (REFUSAL_FIELD[refusal] ?? 'main')
  if (refusal === 'quantity_too_high')
    return { field, message: c.var.t('refusal.quantity', { max: formatNumber(max, c.var.locale) }) }
  const key = (DECLINES.has(refusal) ? `decline.${refusal}` : `refusal.${refusal}`) as MessageKey
  return { field, message: c.var.t(key) }
}

purchase.post('/:code', async (c) => {
  const entry = await buyable(c)
  if (entry instanceof Response) return entry
  const body = await c.req.parseBody()
  const max = entry.maxLicenses
  const read = readOrder(c, body, max)
  const payment = parsePaymentChoice(body, c.var.deps.clock.now(), c.var.t)
  const key = isUuid(body.idempotencyKey) ? body.idempotencyKey : randomUUID()
  const reenter = cardValues(body).payment === 'new'
  // "Update total": the same form priced again; nothing is bought.
  if (body.intent === 'preview') return showCheckout(c, entry, body, { card: body, reenter, idempotencyKey: key })
  const profileError: FieldError[] = isUuid(body.profile)
    ? []
    : [{ field: 'profile', message: c.var.t('refusal.profile_not_found') }]
  const invalid = [...read.errors, ...profileError, ...payment.errors]
  // After the gateway said no, the form gets a new key: the next try is a new charge.
  const again = (errors: FieldError[], freshKey = false) =>
    showCheckout(c, entry, body, {
      errors,
      status: 422,
      card: body,
      reenter,
      idempotencyKey: freshKey ? randomUUID() : key,
    })
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
  // A refused purchase may be tried again with the same key: nothing was created under it.
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    // JavaScript off, the count typed but not re-priced: show the new total before any charge.
    if (out.refusal === 'total_changed')
      return again([{ field: SUMMARY_ID, message: c.var.t('checkout.totalChanged') }])
    // After a decline, or a key already used for another order, the form gets a new key.
    const freshKey = DECLINES.has(out.refusal) || out.refusal === 'key_reused'
    return again([refusalError(c, out.refusal, max, payment.choice.kind === 'saved')], freshKey)
  }
  return c.redirect(subscriptionUrl(out.value.subscriptionId, out.value.replayed ? 'replayed' : 'purchased'), 303)
})

const Address = z.object({
  line1: z.string().trim().min(1, 'billingSetup.line1Required').max(200, 'billingSetup.tooLong'),
  line2: z.string().trim().max(200, 'billingSetup.tooLong').default(''),
  city: z.string().trim().min(1, 'billingSetup.cityRequired').max(200, 'billingSetup.tooLong'),
  postalCode: z.string().trim().min(1, 'billingSetup.postalCodeRequired').max(20, 'billingSetup.tooLong'),
  country: z.string().refine((v) => v in TAX_RATES_BP, 'billingSetup.countryRequired'),
})

purchase.post('/:code/billing-setup', async (c) => {
  const entry = await offerFor(c)
  if (!entry?.product.selfService || (!entry.offer.canBuy && !entry.offer.trial)) return notFound(c)
  const toTrial = c.req.query('next') === 'trial'
  const body = await c.req.parseBody()
  const input = Address.safeParse(body)
  if (!input.success) {
    const values = {
      ...EMPTY_ADDRESS,
      ...Object.fromEntries(
        Object.keys(EMPTY_ADDRESS).map((k) => [k, typeof body[k] === 'string' ? String(body[k]).slice(0, 200) : '']),
      ),
    } as AddressValues
    const errors = input.error.issues.map((i) => ({
      field: String(i.path[0]),
      message: c.var.t(i.message as MessageKey),
    }))
    const unique = errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i)
    return toTrial
      ? showTrial(c, entry, {}, { setup: { values, errors: unique } })
      : showCheckout(c, entry, {}, { setup: { values, errors: unique } })
  }
  const out = await setUpBilling(c.var.deps, c.var.actor, input.data)
  if (!out.ok && out.refusal === 'guest') return c.redirect(purchaseUrl(), 303)
  return c.redirect(toTrial ? trialUrl(entry.product.code) : checkoutUrl(entry.product.code), 303)
})

async function showTrial(
  c: Ctx,
  entry: CatalogEntry,
  src: Record<string, unknown>,
  extra: Extra = {},
): Promise<Response> {
  const withCard = entry.offer.trial === 'with_payment_method'
  const { profiles, cards } = withCard ? await billingChoices(c.var.deps, c.var.actor) : { profiles: [], cards: [] }
  const profileId = profiles.find((p) => p.id === src.profile)?.id ?? profiles[0]?.id ?? ''
  const setup =
    withCard && profiles.length === 0
      ? { values: extra.setup?.values ?? EMPTY_ADDRESS, errors: byField(extra.setup?.errors ?? []) }
      : null
  const summary = setup ? (extra.setup?.errors ?? []) : (extra.errors ?? [])
  return c.html(
    TrialPage({
      ctx: viewContext(c),
      product: entry.product,
      withCard,
      endsOn: new Date(c.var.deps.clock.now().getTime() + TRIAL_DAYS * DAY_MS),
      frequency: src.frequency === 'annual' ? 'annual' : 'monthly',
      profileId,
      profiles,
      cards,
      card: cardValues(
        extra.card ?? { payment: cards[0] ? `saved:${cards[0].id}` : 'new', nameOnCard: c.var.actor.displayName },
      ),
      errors: byField(extra.errors ?? []),
      summary,
      idempotencyKey: extra.idempotencyKey ?? randomUUID(),
      reenter: Boolean(extra.reenter),
      setup,
    }),
    summary.length ? 422 : 200,
  )
}

async function tryable(c: Ctx): Promise<CatalogEntry | Response> {
  const entry = await offerFor(c)
  if (!entry?.product.selfService) return notFound(c)
  if (entry.offer.trial) return entry
  return refused(c, entry, entry.offer.trialRefusal ?? 'blocked')
}

purchase.get('/:code/trial', async (c) => {
  const entry = await tryable(c)
  return entry instanceof Response ? entry : showTrial(c, entry, c.req.query())
})

purchase.post('/:code/trial', async (c) => {
  const entry = await tryable(c)
  if (entry instanceof Response) return entry
  const body = await c.req.parseBody()
  const key = isUuid(body.idempotencyKey) ? body.idempotencyKey : randomUUID()
  const withCard = entry.offer.trial === 'with_payment_method'
  const again = (errors: FieldError[], freshKey = false) =>
    showTrial(c, entry, body, {
      errors,
      card: body,
      reenter: withCard && cardValues(body).payment === 'new',
      idempotencyKey: freshKey ? randomUUID() : key,
    })
  let billing: Parameters<typeof startTrial>[2]['billing']
  if (withCard) {
    const payment = parsePaymentChoice(body, c.var.deps.clock.now(), c.var.t)
    const profileError: FieldError[] = isUuid(body.profile)
      ? []
      : [{ field: 'profile', message: c.var.t('refusal.profile_not_found') }]
    if (payment.errors.length || profileError.length || !payment.choice)
      return again([...profileError, ...payment.errors])
    billing = {
      billingProfileId: body.profile as string,
      frequency: body.frequency === 'annual' ? 'annual' : 'monthly',
      payment: payment.choice,
    }
  }
  const out = await startTrial(c.var.deps, c.var.actor, {
    productCode: entry.product.code,
    idempotencyKey: key,
    billing,
  })
  if (!out.ok)
    return out.refusal === 'not_found'
      ? notFound(c)
      : again([refusalError(c, out.refusal, entry.maxLicenses, false)], DECLINES.has(out.refusal))
  return c.redirect(subscriptionUrl(out.value.subscriptionId, out.value.replayed ? 'replayed' : 'trial_started'), 303)
})
