import { eq } from 'drizzle-orm'
import { products } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { maxLicensesOf } from '../subscriptions/subscription-rules'
import { offerFor, type Offer } from './offer'
import { type Product, type ProductWithPolicy, productsWithPolicy } from './product-policy'

export type { Product }
/** A product with this user's offer and the most licences one order may have (`maxLicensesOf`). */
export type CatalogEntry = { product: Product; offer: Offer; maxLicenses: number }

/** The self-service products with what this user may do with each, by the organization's
 *  policy, their kind and their past trials. Blocked products are left out (DESIGN §10). */
export async function listPurchaseCatalog(deps: Deps, actor: Actor): Promise<CatalogEntry[]> {
  const rows = await productsWithPolicy(deps.db, actor.orgId, eq(products.selfService, true), { trialsOf: actor.id })
  return rows.filter((r) => r.setting !== 'blocked').map((r) => entryOf(r, actor))
}

/** One product by code with this user's offer, or null when it is unknown. */
export async function productOffer(deps: Deps, actor: Actor, code: string): Promise<CatalogEntry | null> {
  const [row] = await productsWithPolicy(deps.db, actor.orgId, eq(products.code, code), { trialsOf: actor.id })
  return row ? entryOf(row, actor) : null
}

function entryOf(r: ProductWithPolicy, actor: Actor): CatalogEntry {
  return {
    product: r.product,
    maxLicenses: maxLicensesOf(r.product),
    offer: offerFor(r.product, r.setting, { kind: actor.kind, trialUsed: r.trialUsed }),
  }
}
