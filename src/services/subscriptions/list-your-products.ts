import { and, asc, count, eq, ne, or, sql, type SQL } from 'drizzle-orm'
import { products, subscriptions } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { cancelRefusal } from './subscription-rules'

export type ProductsTab = 'products' | 'trials'
export type ProductsScope = 'self_service' | 'all'
export type SubscriptionStatus = (typeof subscriptions.status.enumValues)[number]
export const LISTED_STATUSES: readonly SubscriptionStatus[] = ['trial', 'active', 'expired', 'disabled']

export type ProductsFilter = { tab: ProductsTab; scope: ProductsScope; status: SubscriptionStatus | 'any' }

/** Rows a page of Your products shows: a purchaser of a hundred subscriptions reads them 25 at a time. */
export const PRODUCTS_PAGE_SIZE = 25

/** One page of the list, and where it sits among all the rows the filter selects. */
export type YourProductsPage = { rows: YourProductRow[]; total: number; page: number; pages: number }

export type YourProductRow = {
  id: string
  productCode: string
  productName: { en: string; fr: string }
  status: SubscriptionStatus
  assigned: number
  quantity: number
  termEnd: Date
  trialEndsAt: Date | null
  autoRenew: boolean
  unitPrice: number
  currency: string
  billingFrequency: 'monthly' | 'annual'
  /** When it was bought (or its trial started): with the term, it tells two rows of one product apart. */
  createdAt: Date
  source: 'self_service' | 'admin'
  cancelled: boolean
  /** "Cancel subscription" is offered (`cancelRefusal`). */
  canCancel: boolean
}

// A trial stays on the trials tab while it runs, and a card-less trial stays there after it
// ends (it never became a purchase); a converted trial is a product like any other.
export const isTrialRow = or(
  eq(subscriptions.status, 'trial'),
  and(eq(subscriptions.startedAsTrial, true), sql`${subscriptions.billingProfileId} is null`),
)!

/** One page of the signed-in user's own subscriptions for "Your products" (DESIGN §10), by product name
 *  then purchase date; a page past the last shows the last. No refusals. */
export async function listYourProducts(
  deps: Deps,
  actor: Actor,
  filter: ProductsFilter,
  page = 1,
): Promise<YourProductsPage> {
  const where: SQL[] = [
    eq(subscriptions.orgId, actor.orgId),
    eq(subscriptions.purchaserId, actor.id),
    // Deleted subscriptions are gone from the user's point of view (DESIGN §3 lifecycle).
    ne(subscriptions.status, 'deleted'),
    filter.tab === 'trials' ? isTrialRow : sql`not (${isTrialRow})`,
  ]
  if (filter.scope === 'self_service') where.push(eq(subscriptions.source, 'self_service'))
  if (filter.status !== 'any') where.push(eq(subscriptions.status, filter.status))

  // The total rides on each row (a window count), so a page is one statement; only a page past the
  // last (an old bookmark) reads again.
  const read = (n: number) =>
    deps.db
      .select({
        id: subscriptions.id,
        productCode: products.code,
        nameEn: products.nameEn,
        nameFr: products.nameFr,
        status: subscriptions.status,
        assigned: subscriptions.assignedCount,
        quantity: subscriptions.quantity,
        termEnd: subscriptions.termEnd,
        trialEndsAt: subscriptions.trialEndsAt,
        autoRenew: subscriptions.autoRenew,
        unitPrice: subscriptions.unitPrice,
        currency: subscriptions.currency,
        billingFrequency: subscriptions.billingFrequency,
        createdAt: subscriptions.createdAt,
        source: subscriptions.source,
        cancelledAt: subscriptions.cancelledAt,
        total: sql<number>`(count(*) over ())::int`,
      })
      .from(subscriptions)
      .innerJoin(products, eq(products.id, subscriptions.productId))
      .where(and(...where))
      .orderBy(asc(products.nameEn), asc(subscriptions.createdAt), asc(subscriptions.id))
      .limit(PRODUCTS_PAGE_SIZE)
      .offset((n - 1) * PRODUCTS_PAGE_SIZE)
  let rows = await read(page)
  if (rows.length === 0 && page > 1) {
    const [all] = await deps.db
      .select({ n: count() })
      .from(subscriptions)
      .innerJoin(products, eq(products.id, subscriptions.productId))
      .where(and(...where))
    page = Math.max(1, Math.ceil(Number(all?.n ?? 0) / PRODUCTS_PAGE_SIZE))
    rows = all?.n ? await read(page) : []
  }
  const total = Number(rows[0]?.total ?? 0)
  return {
    rows: rows.map(({ nameEn, nameFr, total: _total, cancelledAt, ...row }) => ({
      ...row,
      cancelled: cancelledAt !== null,
      canCancel: cancelRefusal({ status: row.status, cancelledAt }) === null,
      productName: { en: nameEn, fr: nameFr },
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PRODUCTS_PAGE_SIZE)),
  }
}
