import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { conversionQuote } from './convert-trial'
import type { SubscriptionStatus } from './list-your-products'
import { readOwnSubscription } from './load-own-subscription'
import {
  availableLicenses,
  cancelRefusal,
  canSetAutoRenew,
  isAssignable,
  isReactivatable,
  licensesAtRenewal,
  licenseChangeRefusal,
} from './subscription-rules'

/** The details page shows the first few holders; the licences page lists them all, to assign and unassign. */
export const ASSIGNED_USERS_SHOWN = 5

export type SubscriptionDetails = {
  id: string
  product: { code: string; name: { en: string; fr: string }; description: { en: string; fr: string } }
  status: SubscriptionStatus
  quantity: number
  assignedCount: number
  /** Licences free to assign, a pending reduction counted (`availableLicenses`). */
  available: number
  /** Buy or remove licences (`licenseChangeRefusal`). */
  canChange: boolean
  /** Cancel subscription (`cancelRefusal`). */
  canCancel: boolean
  /** Turn recurring billing on or off (`canSetAutoRenew`). */
  canSetAutoRenew: boolean
  /** Licences may be assigned (`isAssignable`). */
  assignable: boolean
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
  /** The licences the next term (a renewal or a reactivation) is for (`licensesAtRenewal`). */
  renewalQuantity: number
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
  // One statement: the subscription, its count and its first holders.
  const row = await readOwnSubscription(deps.db, actor, id, { holders: ASSIGNED_USERS_SHOWN })
  if (!row) return refuse('not_found')
  const { sub, product, card, holders: assignedUsers } = row
  const { assignedCount } = sub
  const country = row.profile?.country
  /** What a first paid term would charge today, when there is a card to charge it to. */
  const priceNow = (quantity: number) => {
    if (!card || !country) return null
    const { total, currency } = conversionQuote({ ...sub, quantity }, country, deps.clock.now())
    return { total, currency }
  }
  return ok({
    id: sub.id,
    product: {
      code: product.code,
      name: { en: product.nameEn, fr: product.nameFr },
      description: { en: product.descriptionEn, fr: product.descriptionFr },
    },
    status: sub.status,
    quantity: sub.quantity,
    assignedCount,
    available: availableLicenses({ ...sub, assigned: assignedCount }),
    canChange: licenseChangeRefusal(sub) === null,
    canCancel: cancelRefusal(sub) === null,
    canSetAutoRenew: canSetAutoRenew(sub.status),
    assignable: isAssignable(sub.status),
    billingFrequency: sub.billingFrequency,
    unitPrice: sub.unitPrice,
    currency: sub.currency,
    source: sub.source,
    // Only the purchaser sees their subscription, so the purchaser is the actor.
    purchaserName: actor.displayName,
    createdAt: sub.createdAt,
    termStart: sub.termStart,
    termEnd: sub.termEnd,
    autoRenew: sub.autoRenew,
    trialEndsAt: sub.trialEndsAt,
    pendingQuantity: sub.pendingQuantity,
    renewalQuantity: licensesAtRenewal(sub),
    cancelledAt: sub.cancelledAt,
    billingProfileName: row.profile?.name ?? null,
    card: card ? { brand: card.brand, last4: card.last4 } : null,
    conversion: sub.status === 'trial' && !sub.cancelledAt ? priceNow(sub.quantity) : null,
    // A reduction scheduled before the subscription expired takes effect with the new term.
    reactivation: isReactivatable(sub.status) ? priceNow(licensesAtRenewal(sub)) : null,
    cancellationReason: sub.cancellationReason,
    assignedUsers,
  })
}
