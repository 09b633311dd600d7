import { z } from 'zod'
import { ProductsPage, ProductsResults, productsCountText } from '../../views/pages/products/products'
import { SubscriptionPage } from '../../views/pages/products/subscription'
import { notFound } from '../http/errors'
import { PageNumber } from '../http/page-number'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { LISTED_STATUSES, listYourProducts } from '../services/subscriptions/list-your-products'
import { doneMessage, ownSubscription } from './subscription-page'

/** Your products (DESIGN §10): the list with its filters, and one subscription's details. The
 *  panes and buttons on the details page have files of their own: license-count.ts, cancel.ts,
 *  recurring-billing.ts. */
export const products = signedInRoutes()

// Unknown filter values fall back to the defaults: a hand-edited URL still shows a page.
const Filter = z.object({
  tab: z.enum(['products', 'trials']).catch('products'),
  scope: z.enum(['self_service', 'all']).catch('self_service'),
  status: z.enum(['any', ...LISTED_STATUSES]).catch('any'),
})

products.get('/', async (c) => {
  const filter = Filter.parse(c.req.query())
  const list = await listYourProducts(c.var.deps, c.var.actor, filter, PageNumber.parse(c.req.query('page')))
  const ctx = viewContext(c)
  return pageOrPart(
    c,
    () => ProductsPage({ ctx, filter, list }),
    () => ({ fragment: ProductsResults({ ctx, filter, list }), status: productsCountText(ctx, list) }),
  )
})

products.get('/:id', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  return c.html(SubscriptionPage({ ctx: viewContext(c), sub, status: doneMessage(c, sub, c.req.query('done')) }))
})
