import { and, asc, eq, ne, or, sql, type SQL } from 'drizzle-orm'
import { products, subscriptions } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { cancelRefusal } from './subscription-rules'

export type ProductsTab = 'products' | 'trials'
export type ProductsScope = 'self_service' | 'all'
export type SubscriptionStatus = (typeof subscriptions.status.enumValues)[number]
export const LISTED_STATUSES: readonly SubscriptionStatus[] = ['trial', 'active', 'expired', 'disabled']

export type ProductsFilter = { tab: ProductsTab; scope: ProductsScope; status: SubscriptionStatus | 'any' }

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

/** The signed-in user's own subscriptions for "Your products" (DESIGN §10). No refusals. */
export async function listYourProducts(deps: Deps, actor: Actor, filter: ProductsFilter): Promise<YourProductRow[]> {
  const where: SQL[] = [
    eq(subscriptions.orgId, actor.orgId),
    eq(subscriptions.purchaserId, actor.id),
    // Deleted subscriptions are gone from the user's point of view (DESIGN §3 lifecycle).
    ne(subscriptions.status, 'deleted'),
    filter.tab === 'trials' ? isTrialRow : sql`not (${isTrialRow})`,
  ]
  if (filter.scope === 'self_service') where.push(eq(subscriptions.source, 'self_service'))
  if (filter.status !== 'any') where.push(eq(subscriptions.status, filter.status))

  const rows = await deps.db
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
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .where(and(...where))
    .orderBy(asc(products.nameEn), asc(subscriptions.createdAt))

  return rows.map(({ nameEn, nameFr, assigned: n, cancelledAt, ...row }) => ({
    ...row,
    assigned: Number(n),
    cancelled: cancelledAt !== null,
    canCancel: cancelRefusal({ status: row.status, cancelledAt }) === null,
    productName: { en: nameEn, fr: nameFr },
  }))
}
