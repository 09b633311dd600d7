import { and, asc, eq } from 'drizzle-orm'
import { organizations, policies, products } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import type { PolicySetting } from '../purchase/offer'
import { isAdmin } from './admin-access'

export const POLICY_SETTINGS: readonly PolicySetting[] = ['allowed', 'trials_only', 'blocked']

export type ProductPolicy = { productId: string; name: { en: string; fr: string }; setting: PolicySetting }

/**
 * Admin → Policy (DESIGN §8): each self-service product with the organization's setting; a product
 * without a row is allowed (DESIGN §2: new products are allowed by default). Refuses not_found to
 * anyone but an admin.
 */
export async function getSelfServicePolicy(deps: Deps, actor: Actor): Promise<Outcome<ProductPolicy[], 'not_found'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const rows = await deps.db
    .select({ id: products.id, nameEn: products.nameEn, nameFr: products.nameFr, setting: policies.setting })
    .from(products)
    .leftJoin(policies, and(eq(policies.productId, products.id), eq(policies.orgId, actor.orgId)))
    .where(eq(products.selfService, true))
    .orderBy(asc(products.nameEn), asc(products.id))
  return ok(
    rows.map((r) => ({ productId: r.id, name: { en: r.nameEn, fr: r.nameFr }, setting: r.setting ?? 'allowed' })),
  )
}

export type PolicyChange = { productId: string; before: PolicySetting; after: PolicySetting }

/**
 * Saves every product's setting at once, in one transaction, and audits each one that changed.
 * It applies to future purchases only: existing subscriptions are left as they are (the page says
 * so). Refuses not_found to anyone but an admin, unknown_product for an id that is not a
 * self-service product.
 */
export async function setSelfServicePolicy(
  deps: Deps,
  actor: Actor,
  settings: Record<string, PolicySetting>,
): Promise<Outcome<PolicyChange[], 'not_found' | 'unknown_product'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    // The organization's row is the lock: two admins saving at once take turns, so each audit's
    // "before" is what the other left.
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, actor.orgId)).for('update')
    const current = await tx
      .select({ id: products.id, setting: policies.setting })
      .from(products)
      .leftJoin(policies, and(eq(policies.productId, products.id), eq(policies.orgId, actor.orgId)))
      .where(eq(products.selfService, true))
    const known = new Map(current.map((r) => [r.id, r.setting ?? 'allowed']))
    if (Object.keys(settings).some((id) => !known.has(id))) return refuse('unknown_product')
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
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'policy.changed',
        entityType: 'product',
        entityId: productId,
        before: { setting: before },
        after: { setting: after },
        at: now,
      })
      changes.push({ productId, before, after })
    }
    return ok(changes)
  })
}
