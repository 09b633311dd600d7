import { and, asc, eq, isNotNull, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { organizations, policies, products, subscriptions } from '../../db/schema/index'
import type { PolicySetting } from './offer'

// The one place the organization's policy is read (DESIGN §2, §8): the catalog, the checkout, the trial and
// the admin's policy page all call productsWithPolicy, so none of them can read "no row" differently.

/** What products added to the catalog later start as, for one organization (the policy page's default). */
export type NewProductPolicy = 'allowed' | 'blocked'
export const NEW_PRODUCT_POLICIES: readonly NewProductPolicy[] = ['allowed', 'blocked']

export type Product = typeof products.$inferSelect

/** A product with the setting that applies to it in one organization. */
export type ProductWithPolicy = {
  product: Product
  setting: PolicySetting
  /** The organization set this product itself (a policies row); false means it follows the default. */
  pinned: boolean
  /** The user named by `trialsOf` has had a trial of it (DESIGN §3: one per product); false without one. */
  trialUsed: boolean
}

/**
 * The products matching `where`, each with its setting in the organization: its policies row, else the
 * organization's default for new products (`organizations.new_product_policy`). A product without a row
 * is one added after the default last changed: a change of default writes rows for every product that had
 * none (setSelfServicePolicy), so products already in the catalog keep their setting.
 */
export async function productsWithPolicy(
  db: DbOrTx,
  orgId: string,
  where: SQL | undefined,
  o: { trialsOf?: string } = {},
): Promise<ProductWithPolicy[]> {
  // The buyer's past trials come in the same statement (issue 15's query budget for checkout and trial).
  const trialUsed = o.trialsOf
    ? sql<boolean>`exists (select 1 from ${subscriptions} where ${subscriptions.orgId} = ${orgId}
        and ${subscriptions.purchaserId} = ${o.trialsOf} and ${subscriptions.productId} = ${products.id}
        and ${subscriptions.startedAsTrial})`
    : sql<boolean>`false`
  return db
    .select({
      product: products,
      setting: sql<PolicySetting>`coalesce(${policies.setting}::text, ${organizations.newProductPolicy})`,
      pinned: isNotNull(policies.setting).mapWith(Boolean),
      trialUsed: trialUsed.mapWith(Boolean),
    })
    .from(products)
    .innerJoin(organizations, eq(organizations.id, orgId))
    .leftJoin(policies, and(eq(policies.productId, products.id), eq(policies.orgId, orgId)))
    .where(where)
    .orderBy(asc(products.nameEn), asc(products.id))
}
