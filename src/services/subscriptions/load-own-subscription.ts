import { and, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import {
  billingProfiles,
  licenseAssignments,
  paymentMethods,
  products,
  subscriptions,
  users,
} from '../../db/schema/index'
import type { Actor } from '../deps'
import type { AssignedUser } from './assigned-counts'

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

export type OwnSubscriptionRead = OwnSubscription & {
  /** Its first holders by name (as many as asked for). */
  holders: AssignedUser[]
}

/**
 * The actor's own subscription as `loadOwnSubscription` finds it, without a lock, together with its first
 * `holders` holders by name: one statement for what a page shows (issue 15's query budget). Never use it to
 * decide a change: its `sub.assignedCount` is read without the lock, so changes lock first and read it then.
 */
export async function readOwnSubscription(
  db: DbOrTx,
  actor: Actor,
  id: string,
  o: { holders: number },
): Promise<OwnSubscriptionRead | null> {
  const la = licenseAssignments
  const holders =
    o.holders > 0
      ? sql<HolderJson[]>`(select coalesce(json_agg(h order by h."displayName", h.id), '[]'::json) from (
          select ${users.id} as id, ${users.displayName} as "displayName", ${users.email} as email,
            ${la.assignedAt} as "assignedAt"
          from ${la} inner join ${users} on ${users.id} = ${la.userId}
          where ${la.orgId} = ${subscriptions.orgId} and ${la.subscriptionId} = ${subscriptions.id}
          order by ${la.holderName}, ${la.userId} limit ${o.holders}) h)`
      : sql<HolderJson[]>`'[]'::json`
  const [row] = await db
    .select({
      sub: subscriptions,
      product: products,
      profile: billingProfiles,
      card: paymentMethods,
      holders,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
  if (!row || row.sub.status === 'deleted') return null
  return {
    ...row,
    // JSON carries the time as text; both drivers parse the JSON itself.
    holders: (typeof row.holders === 'string' ? (JSON.parse(row.holders) as HolderJson[]) : row.holders).map((h) => ({
      ...h,
      assignedAt: new Date(h.assignedAt),
    })),
  }
}

type HolderJson = { id: string; displayName: string; email: string; assignedAt: string }
