import { and, eq } from 'drizzle-orm'
import { products, subscriptions } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { maxLicensesOf } from '../subscriptions/subscription-rules'
import { offerFor, type Offer } from './offer'
import { type Product, productsWithPolicy } from './product-policy'

export type { Product }
/** A product with this user's offer and the most licences one order may have (`maxLicensesOf`). */
export type CatalogEntry = { product: Product; offer: Offer; maxLicenses: number }

/** The self-service products with what this user may do with each, by the organization's
 *  policy, their kind and their past trials. Blocked products are left out (DESIGN §10). */
export async function listPurchaseCatalog(deps: Deps, actor: Actor): Promise<CatalogEntry[]> {
  const rows = await productsWithPolicy(deps.db, actor.orgId, eq(products.selfService, true))
  const tried = new Set(
    (
      await deps.db
        .select({ productId: subscriptions.productId })
        .from(subscriptions)
        .where(
          and(
            eq(subscriptions.orgId, actor.orgId),
            eq(subscriptions.purchaserId, actor.id),
            eq(subscriptions.startedAsTrial, true),
          ),
        )
    ).map((r) => r.productId),
  )
  return rows
    .filter((r) => r.setting !== 'blocked')
    .map((r) => ({
      product: r.product,
      maxLicenses: maxLicensesOf(r.product),
      offer: offerFor(r.product, r.setting, { kind: actor.kind, trialUsed: tried.has(r.product.id) }),
    }))
}

/** One product by code with this user's offer, or null when it is unknown. */
export async function productOffer(deps: Deps, actor: Actor, code: string): Promise<CatalogEntry | null> {
  const [row] = await productsWithPolicy(deps.db, actor.orgId, eq(products.code, code))
  if (!row) return null
  const [trial] = await deps.db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.purchaserId, actor.id),
        eq(subscriptions.productId, row.product.id),
        eq(subscriptions.startedAsTrial, true),
      ),
    )
    .limit(1)
  return {
    product: row.product,
    maxLicenses: maxLicensesOf(row.product),
    offer: offerFor(row.product, row.setting, { kind: actor.kind, trialUsed: Boolean(trial) }),
  }
}
