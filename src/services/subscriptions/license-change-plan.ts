import { DAY_MS } from '../../money/proration'
import { quoteRestOfTerm, type Quote } from '../../money/quote'
import { REMOVAL_WINDOW_DAYS } from '../../rules'
import { licenseChangeRefusal, maxLicensesOf } from './subscription-rules'

export type ChangeableSubscription = {
  status: Parameters<typeof licenseChangeRefusal>[0]['status']
  quantity: number
  unitPrice: number
  currency: string
  termStart: Date
  termEnd: Date
  cancelledAt: Date | null
  autoRenew: boolean
  pendingQuantity: number | null
  lastQuantityIncreaseAt: Date | null
  lastQuantityIncrease: number | null
}

export type LicensePlan =
  | { kind: 'add'; from: number; to: number; added: number; quote: Quote }
  | { kind: 'remove_now'; from: number; to: number; removed: number; quote: Quote; usesAddition: boolean }
  | { kind: 'schedule'; from: number; to: number; removed: number; effective: Date }
  | { kind: 'withdraw'; from: number; pending: number }
  | { kind: 'unchanged'; from: number }

export type PlanRefusal =
  | 'not_changeable'
  | 'trial'
  | 'cancelled'
  | 'out_of_range'
  | 'below_assigned'
  | 'renewal_due'
  | 'no_renewal'

/**
 * What setting the total to `total` would do (DESIGN §3), priced to the cent. More: the added
 * licences prorated by day over the rest of the term. Fewer: never below the assigned count; at
 * once with a prorated credit within 7 days of the term start (or of the last addition, for up to
 * the licences it added); otherwise at the renewal date.
 */
export function planLicenseChange(
  sub: ChangeableSubscription,
  o: { total: number; assigned: number; productMax: number; country: string; now: Date },
): { ok: true; plan: LicensePlan } | { ok: false; refusal: PlanRefusal; details?: Record<string, number> } {
  const refusal = licenseChangeRefusal(sub)
  if (refusal) return { ok: false, refusal }
  // The term is over and its renewal not yet run: a change now would be priced on the wrong term.
  if (sub.termEnd.getTime() <= o.now.getTime()) return { ok: false, refusal: 'renewal_due' }
  const max = maxLicensesOf({ maxQuantity: o.productMax })
  if (!Number.isInteger(o.total) || o.total < 1 || o.total > max)
    return { ok: false, refusal: 'out_of_range', details: { max } }
  if (o.total < o.assigned)
    return { ok: false, refusal: 'below_assigned', details: { assigned: o.assigned, unassign: o.assigned - o.total } }

  const from = sub.quantity
  if (o.total === from)
    return {
      ok: true,
      plan:
        sub.pendingQuantity !== null
          ? { kind: 'withdraw', from, pending: sub.pendingQuantity }
          : { kind: 'unchanged', from },
    }

  const price = (quantity: number): Quote => quoteRestOfTerm(sub, { quantity, country: o.country, now: o.now })

  if (o.total > from)
    return { ok: true, plan: { kind: 'add', from, to: o.total, added: o.total - from, quote: price(o.total - from) } }

  const removed = from - o.total
  const within = (since: Date | null) =>
    since !== null && o.now.getTime() - since.getTime() < REMOVAL_WINDOW_DAYS * DAY_MS
  if (within(sub.termStart))
    return {
      ok: true,
      plan: { kind: 'remove_now', from, to: o.total, removed, quote: price(removed), usesAddition: false },
    }
  // The addition window covers only the licences that addition brought, once: removing them uses it up.
  if (within(sub.lastQuantityIncreaseAt) && removed <= (sub.lastQuantityIncrease ?? 0))
    return {
      ok: true,
      plan: { kind: 'remove_now', from, to: o.total, removed, quote: price(removed), usesAddition: true },
    }
  // A scheduled removal happens at renewal: without recurring billing there is none.
  if (!sub.autoRenew) return { ok: false, refusal: 'no_renewal' }
  return { ok: true, plan: { kind: 'schedule', from, to: o.total, removed, effective: sub.termEnd } }
}
