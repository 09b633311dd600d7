import { eq } from 'drizzle-orm'
import { organizations, policies, products } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import type { PolicySetting } from '../purchase/offer'
import { type NewProductPolicy, productsWithPolicy } from '../purchase/product-policy'
import { isAdmin } from './admin-access'

export const POLICY_SETTINGS: readonly PolicySetting[] = ['allowed', 'trials_only', 'blocked']

export type ProductPolicy = { productId: string; name: { en: string; fr: string }; setting: PolicySetting }

/** The policy page: every self-service product's setting, and what products added later start as. */
export type SelfServicePolicy = { products: ProductPolicy[]; newProducts: NewProductPolicy }

/**
 * Admin → Policy (DESIGN §8): each self-service product with the organization's setting, and the
 * organization's default for products added to the catalog later (a product without a row follows it).
 * Refuses not_found to anyone but an admin.
 */
export async function getSelfServicePolicy(deps: Deps, actor: Actor): Promise<Outcome<SelfServicePolicy, 'not_found'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const [org] = await deps.db
    .select({ newProducts: organizations.newProductPolicy })
    .from(organizations)
    .where(eq(organizations.id, actor.orgId))
  const rows = await productsWithPolicy(deps.db, actor.orgId, eq(products.selfService, true))
  return ok({
    products: rows.map((r) => ({
      productId: r.product.id,
      name: { en: r.product.nameEn, fr: r.product.nameFr },
      setting: r.setting,
    })),
    newProducts: asNewProductPolicy(org?.newProducts),
  })
}

/** The column is text with a check constraint: anything else would be a bug, read as the safe default. */
function asNewProductPolicy(value: string | undefined): NewProductPolicy {
  return value === 'blocked' ? 'blocked' : 'allowed'
}

export type PolicyChange = { productId: string; before: PolicySetting; after: PolicySetting }
export type PolicySaved = {
  changes: PolicyChange[]
  /** The default for new products, when it changed. */
  newProducts: { before: NewProductPolicy; after: NewProductPolicy } | null
}

/**
 * Saves every product's setting and the default for new products at once, in one transaction, and
 * audits each one that changed. It applies to future purchases and future products only: existing
 * subscriptions are left as they are, and a new default first pins every product that followed the old
 * one (the page says so). `newProducts` left out keeps the default. Refuses not_found to anyone but an
 * admin, unknown_product for an id that is not a self-service product.
 */
export async function setSelfServicePolicy(
  deps: Deps,
  actor: Actor,
  settings: Record<string, PolicySetting>,
  newProducts?: NewProductPolicy,
): Promise<Outcome<PolicySaved, 'not_found' | 'unknown_product'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    // The organization's row is the lock: two admins saving at once take turns, so each audit's
    // "before" is what the other left, and no product is pinned from a default that just changed.
    const [org] = await tx
      .select({ newProducts: organizations.newProductPolicy })
      .from(organizations)
      .where(eq(organizations.id, actor.orgId))
      .for('update')
    const current = await productsWithPolicy(tx, actor.orgId, eq(products.selfService, true))
    const known = new Map(current.map((r) => [r.product.id, r.setting]))
    if (Object.keys(settings).some((id) => !known.has(id))) return refuse('unknown_product')
    const audit = (action: string, entityType: string, entityId: string, before: object, after: object) =>
      recordAudit(tx, { orgId: actor.orgId, actorId: actor.id, action, entityType, entityId, before, after, at: now })

    const oldDefault = asNewProductPolicy(org?.newProducts)
    let defaultChange: PolicySaved['newProducts'] = null
    if (newProducts && newProducts !== oldDefault) {
      // NOTE the default is for products added later only: every product that followed the old default
      // gets a row with the setting it has today, so nothing already in the catalog changes with it.
      const unpinned = current.filter((r) => !r.pinned)
      if (unpinned.length > 0)
        await tx
          .insert(policies)
          .values(
            unpinned.map((r) => ({
              orgId: actor.orgId,
              productId: r.product.id,
              setting: r.setting,
              updatedAt: now,
              updatedBy: actor.id,
            })),
          )
          .onConflictDoNothing()
      await tx.update(organizations).set({ newProductPolicy: newProducts }).where(eq(organizations.id, actor.orgId))
      await audit(
        'organization.new_product_policy_changed',
        'organization',
        actor.orgId,
        { newProductPolicy: oldDefault },
        { newProductPolicy: newProducts },
      )
      defaultChange = { before: oldDefault, after: newProducts }
    }

    const changes: PolicyChange[] = []
    for (const [productId, after] of Object.entries(settings)) {
      const before = known.get(productId)!
      if (before === after) continue
      await tx
        .insert(policies)
        .values({ orgId: actor.orgId, productId, setting: after, updatedAt: now, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: [policies.orgId, policies.productId],
          set: { setting: after, updatedAt: now, updatedBy: actor.id },
        })
      await audit('policy.changed', 'product', productId, { setting: before }, { setting: after })
      changes.push({ productId, before, after })
    }
    return ok({ changes, newProducts: defaultChange })
  })
}
