import { Hono } from 'hono'
import { z } from 'zod'
import { ProductsPage, ProductsResultsUpdate } from '../../views/pages/products/products'
import { SubscriptionPage } from '../../views/pages/products/subscription'
import type { AppEnv } from '../http/env'
import { notFound } from '../http/errors'
import { isPartial } from '../http/respond'
import { viewContext } from '../http/view-context'
import type { MessageKey } from '../i18n/index'
import { convertTrial } from '../services/subscriptions/convert-trial'
import { getSubscription } from '../services/subscriptions/get-subscription'
import { LISTED_STATUSES, listYourProducts } from '../services/subscriptions/list-your-products'

export const products = new Hono<AppEnv>()

// Unknown filter values fall back to the defaults: a hand-edited URL still shows a page.
const Filter = z.object({
  tab: z.enum(['products', 'trials']).catch('products'),
  scope: z.enum(['self_service', 'all']).catch('self_service'),
  status: z.enum(['any', ...LISTED_STATUSES]).catch('any'),
})

products.get('/', async (c) => {
  const filter = Filter.parse(c.req.query())
  const rows = await listYourProducts(c.var.deps, c.var.actor!, filter)
  const ctx = viewContext(c)
  if (isPartial(c)) return c.html(ProductsResultsUpdate({ ctx, filter, rows }))
  return c.html(ProductsPage({ ctx, filter, rows }))
})

export const SubscriptionId = z.uuid()

products.get('/:id', async (c) => {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getSubscription(c.var.deps, c.var.actor!, id.data)
  if (!out.ok) return notFound(c)
  const done = DONE_MESSAGES[c.req.query('done') ?? '']
  return c.html(SubscriptionPage({ ctx: viewContext(c), sub: out.value, status: done ? c.var.t(done) : undefined }))
})

// After POST → redirect → GET, the page says what just happened (in the live region).
const DONE_MESSAGES: Record<string, MessageKey> = {
  purchased: 'done.purchased',
  replayed: 'checkout.replayed',
  trial_started: 'done.trialStarted',
  converted: 'convert.done',
}

products.post('/:id/convert', async (c) => {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await convertTrial(c.var.deps, c.var.actor!, id.data)
  if (out.ok) return c.redirect(`/billing/products/${id.data}?done=converted`, 303)
  if (out.refusal === 'not_found') return notFound(c)
  const details = await getSubscription(c.var.deps, c.var.actor!, id.data)
  if (!details.ok) return notFound(c)
  const key = (out.refusal.startsWith('not_') || out.refusal === 'no_payment_method' ? `refusal.${out.refusal}` : `decline.${out.refusal}`) as MessageKey
  return c.html(SubscriptionPage({ ctx: viewContext(c), sub: details.value, errors: [{ field: 'convert', message: c.var.t(key) }] }), 422)
})
