import { and, eq } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { billingProfiles, paymentMethods, products, subscriptions } from '../../db/schema/index'
import type { Actor } from '../deps'

export type OwnSubscription = {
  sub: typeof subscriptions.$inferSelect
  product: typeof products.$inferSelect
  /** The profile it is billed to; null for a card-less trial. */
  profile: typeof billingProfiles.$inferSelect | null
  /** The card it is charged to; null for a card-less trial. */
  card: typeof paymentMethods.$inferSelect | null
}

/**
 * The actor's own subscription with its product, billing profile and card. Null for an unknown id,
 * another purchaser's, another tenant's and a deleted one: they all look missing. With `lock`, the
 * subscription's row is locked for the rest of the transaction: NOTE every change of its quantity
 * or of its assignments holds this lock (DESIGN §4), so "count, check, write" is atomic on any
 * instance. Only the subscription's row is locked, not the product's, profile's or card's.
 */
export async function loadOwnSubscription(
  db: DbOrTx,
  actor: Actor,
  id: string,
  o: { lock: boolean },
): Promise<OwnSubscription | null> {
  const query = db
    .select({ sub: subscriptions, product: products, profile: billingProfiles, card: paymentMethods })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
  const [row] = o.lock ? await query.for('update', { of: subscriptions }) : await query
  return row && row.sub.status !== 'deleted' ? row : null
}
