// What a user may do with a subscription, decided once: the services that act enforce these, and
// the read models (getSubscription, listYourProducts, listLicenses) carry them to the pages, which
// only show them.
import { MAX_LICENSES } from '../../rules'

type Status = 'trial' | 'active' | 'expired' | 'disabled' | 'deleted'

/**
 * Licences free to assign: the smaller of the total and a pending reduction, less those assigned,
 * never below 0. NOTE: a reduction scheduled for the renewal is already the limit (DESIGN §3, §4),
 * so nobody is given a licence that the renewal would have to take back.
 */
export function availableLicenses(s: { quantity: number; pendingQuantity: number | null; assigned: number }): number {
  return Math.max(0, Math.min(s.quantity, s.pendingQuantity ?? s.quantity) - s.assigned)
}

/** The licences the next term is for: a reduction scheduled for the renewal takes effect with it
 *  (DESIGN §3), on a renewal and on a reactivation alike. */
export function licensesAtRenewal(s: { quantity: number; pendingQuantity: number | null }): number {
  return s.pendingQuantity ?? s.quantity
}

/** Expired subscriptions keep their users and may still be assigned (DESIGN §3); a disabled one's
 *  licences cannot be. */
export function isAssignable(status: Status): boolean {
  return status === 'trial' || status === 'active' || status === 'expired'
}

/** Why the licence total cannot be changed at all, or null: only an active, uncancelled
 *  subscription's can (DESIGN §3). */
export function licenseChangeRefusal(s: {
  status: Status
  cancelledAt: Date | null
}): 'trial' | 'not_changeable' | 'cancelled' | null {
  if (s.status === 'trial') return 'trial'
  if (s.status !== 'active') return 'not_changeable'
  return s.cancelledAt ? 'cancelled' : null
}

/** Why the subscription cannot be cancelled, or null: a trial or an active subscription can, once. */
export function cancelRefusal(s: {
  status: Status
  cancelledAt: Date | null
}): 'already_cancelled' | 'not_cancellable' | null {
  if (s.cancelledAt) return 'already_cancelled'
  return s.status === 'trial' || s.status === 'active' ? null : 'not_cancellable'
}

/** The most licences a subscription of this product may have: the product's limit within §3's. */
export function maxLicensesOf(product: { maxQuantity: number }): number {
  return Math.min(product.maxQuantity, MAX_LICENSES)
}

/** An expired or disabled subscription can be brought back with a new paid term (DESIGN §3). */
export function isReactivatable(status: Status): boolean {
  return status === 'expired' || status === 'disabled'
}

/** Recurring billing can be turned on or off while the subscription is active. */
export function canSetAutoRenew(status: Status): boolean {
  return status === 'active'
}
