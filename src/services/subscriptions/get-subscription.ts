import { and, asc, count, eq } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import {
  billingProfiles,
  licenseAssignments,
  paymentMethods,
  products,
  subscriptions,
  users,
} from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { conversionQuote } from './convert-trial'
import type { SubscriptionStatus } from './list-your-products'

export const ASSIGNED_USERS_SHOWN = 100

export type SubscriptionDetails = {
  id: string
  product: { code: string; name: { en: string; fr: string }; description: { en: string; fr: string } }
  status: SubscriptionStatus
  quantity: number
  assignedCount: number
  billingFrequency: 'monthly' | 'annual'
  unitPrice: number
  currency: string
  source: 'self_service' | 'admin'
  purchaserName: string
  createdAt: Date
  termStart: Date
  termEnd: Date
  autoRenew: boolean
  trialEndsAt: Date | null
  pendingQuantity: number | null
  cancelledAt: Date | null
  billingProfileName: string | null
  card: { brand: string; last4: string } | null
  /** For a trial with a card: what "Start paid subscription now" would charge today. */
  conversion: { total: number; currency: string } | null
  /** For an expired or disabled subscription with a card: what "Reactivate" would charge today. */
  reactivation: { total: number; currency: string } | null
  cancellationReason: string | null
  assignedUsers: { id: string; displayName: string; email: string; assignedAt: Date }[]
}

/** One of the signed-in user's own subscriptions with its assigned users. Refuses not_found
 *  (unknown id, another user's, another tenant's: all look the same). */
export async function getSubscription(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<SubscriptionDetails, 'not_found'>> {
  const purchaser = alias(users, 'purchaser')
  const [row] = await deps.db
    .select({
      sub: subscriptions,
      product: products,
      purchaserName: purchaser.displayName,
      profileName: billingProfiles.name,
      profileCountry: billingProfiles.country,
      card: paymentMethods,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .innerJoin(purchaser, eq(purchaser.id, subscriptions.purchaserId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.purchaserId, actor.id)))
  if (!row || row.sub.status === 'deleted') return refuse('not_found')

  const onThis = and(eq(licenseAssignments.orgId, actor.orgId), eq(licenseAssignments.subscriptionId, id))
  const [assignedUsers, [counted]] = await Promise.all([
    deps.db
      .select({
        id: users.id,
        displayName: users.displayName,
        email: users.email,
        assignedAt: licenseAssignments.assignedAt,
      })
      .from(licenseAssignments)
      .innerJoin(users, eq(users.id, licenseAssignments.userId))
      .where(onThis)
      .orderBy(asc(users.displayName))
      .limit(ASSIGNED_USERS_SHOWN),
    deps.db.select({ n: count() }).from(licenseAssignments).where(onThis),
  ])

  const { sub, product, card } = row
  return ok({
    id: sub.id,
    product: {
      code: product.code,
      name: { en: product.nameEn, fr: product.nameFr },
      description: { en: product.descriptionEn, fr: product.descriptionFr },
    },
    status: sub.status,
    quantity: sub.quantity,
    assignedCount: Number(counted?.n ?? 0),
    billingFrequency: sub.billingFrequency,
    unitPrice: sub.unitPrice,
    currency: sub.currency,
    source: sub.source,
    purchaserName: row.purchaserName,
    createdAt: sub.createdAt,
    termStart: sub.termStart,
    termEnd: sub.termEnd,
    autoRenew: sub.autoRenew,
    trialEndsAt: sub.trialEndsAt,
    pendingQuantity: sub.pendingQuantity,
    cancelledAt: sub.cancelledAt,
    billingProfileName: row.profileName,
    card: card ? { brand: card.brand, last4: card.last4 } : null,
    conversion:
      sub.status === 'trial' && !sub.cancelledAt && card && row.profileCountry
        ? (({ total, currency }) => ({ total, currency }))(conversionQuote(sub, row.profileCountry, deps.clock.now()))
        : null,
    reactivation:
      (sub.status === 'expired' || sub.status === 'disabled') && card && row.profileCountry
        ? (({ total, currency }) => ({ total, currency }))(
            conversionQuote(
              { ...sub, quantity: sub.pendingQuantity ?? sub.quantity },
              row.profileCountry,
              deps.clock.now(),
            ),
          )
        : null,
    cancellationReason: sub.cancellationReason,
    assignedUsers,
  })
}
