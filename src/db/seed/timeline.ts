import { lineAmount } from '../../money/money'
import { DAY_MS, daysBetween, prorate, termEnd } from '../../money/proration'
import {
  CANCEL_REFUND_WINDOW_DAYS,
  DISABLED_DAYS,
  EXPIRED_DAYS,
  REMOVAL_WINDOW_DAYS,
  TRIAL_DAYS,
  TRIAL_LICENSES,
} from '../../rules'
import type { invoiceKind, invoiceType, subscriptionStatus } from '../schema/index'
import type { Product } from './catalog'
import type { BillingFrequency, CancellationReason, PaidStory, SubscriptionStory, TrialStory } from './scenario'

// The rules of DESIGN §3 replayed from a story's first day to now, the way the services and
// the lifecycle job would have applied them, so the demo's invoices agree with its subscriptions.

type Status = (typeof subscriptionStatus.enumValues)[number]
type Fields = Record<string, string | number>

/** One money movement, later numbered into an invoice or a credit note of its billing profile. */
export type Charge = {
  kind: (typeof invoiceKind.enumValues)[number]
  type: (typeof invoiceType.enumValues)[number]
  issuedAt: Date
  periodStart: Date
  periodEnd: Date
  unitPrice: number
  quantity: number
  amount: number
}

/** A change worth an audit event; `system` ones were the lifecycle job's, not the purchaser's. */
export type Milestone = { at: Date; action: string; before: Fields | null; after: Fields; system?: boolean }

export type Timeline = {
  status: Status
  statusChangedAt: Date
  quantity: number
  pendingQuantity: number | null
  billingFrequency: BillingFrequency
  unitPrice: number
  termStart: Date
  termEnd: Date
  autoRenew: boolean
  startedAsTrial: boolean
  trialEndsAt: Date | null
  lastQuantityIncreaseAt: Date | null
  cancellation: { reason: CancellationReason; feedback: string | null; at: Date } | null
  createdAt: Date
  /** False only for a card-less trial, which has neither billing profile nor card (DESIGN §3). */
  needsBilling: boolean
  charges: Charge[]
  milestones: Milestone[]
}

export function subscriptionTimeline(story: SubscriptionStory, product: Product, now: Date): Timeline {
  return story.kind === 'trial' ? trialTimeline(story, product, now) : paidTimeline(story, product, now)
}

function trialTimeline(story: TrialStory, product: Product, now: Date): Timeline {
  if (product.trialOffer === 'none') throw new Error(`${product.code} offers no trial`)
  const start = addDays(now, -story.startDaysAgo)
  const end = addDays(start, TRIAL_DAYS)
  const withCard = product.trialOffer === 'with_payment_method'
  // A trial with a card converts at its end: an ended one is a PaidStory with fromTrial.
  if (end <= now && withCard) throw new Error(`${product.code}: a trial with a card converts; tell it as a paid story`)
  const lapsed = end <= now ? lapse(end, now) : null
  const milestones = [trialStarted(start, product)]
  if (lapsed) milestones.push(expired(end, 'trial', lapsed.status))
  return {
    status: lapsed?.status ?? 'trial',
    statusChangedAt: lapsed?.at ?? start,
    quantity: TRIAL_LICENSES,
    pendingQuantity: null,
    billingFrequency: 'monthly',
    unitPrice: product.monthlyPrice,
    termStart: start,
    termEnd: end,
    autoRenew: withCard,
    startedAsTrial: true,
    trialEndsAt: end,
    lastQuantityIncreaseAt: null,
    cancellation: null,
    createdAt: start,
    needsBilling: withCard,
    charges: [],
    milestones,
  }
}

function paidTimeline(story: PaidStory, product: Product, now: Date): Timeline {
  const origin = addDays(now, -story.startDaysAgo)
  if (story.fromTrial && product.trialOffer !== 'with_payment_method')
    throw new Error(`${product.code}: only a trial with a card converts`)
  const trialEndsAt = story.fromTrial ? addDays(origin, TRIAL_DAYS) : null
  const paidStart = trialEndsAt ?? origin
  const unitPrice = story.frequency === 'monthly' ? product.monthlyPrice : product.annualPrice
  const initial = story.quantityChange?.from ?? story.quantity
  if (story.fromTrial && initial !== TRIAL_LICENSES)
    throw new Error(`${product.code}: a converted trial has ${TRIAL_LICENSES} licences`)
  const change = story.quantityChange ? addDays(paidStart, story.quantityChange.daysAfterStart) : null
  const cancelAt = story.cancel ? addDays(paidStart, story.cancel.daysAfterStart) : null
  if ([paidStart, change, cancelAt].some((at) => at && at > now))
    throw new Error(`${product.code}: the story runs past now`)

  const charges: Charge[] = []
  const purchased = { productCode: product.code, quantity: initial, billingFrequency: story.frequency }
  const milestones: Milestone[] = story.fromTrial
    ? [
        trialStarted(origin, product),
        {
          at: paidStart,
          action: 'trial.converted',
          before: { status: 'trial' },
          after: { status: 'active' },
          system: true,
        },
      ]
    : [{ at: paidStart, action: 'subscription.purchased', before: null, after: purchased }]
  const quantityAt = (at: Date) => (change && change <= at ? story.quantity : initial)

  let start = paidStart
  let end: Date
  let ending: { status: Status; at: Date; termEnd?: Date } | null = null
  for (let term = 0; ; term++) {
    end = termEnd(start, story.frequency)
    const type = term > 0 ? 'renew' : story.fromTrial ? 'convert' : 'purchase'
    const quantity = quantityAt(start)
    charges.push(
      charge({
        kind: 'invoice',
        type,
        from: start,
        to: end,
        unitPrice,
        quantity,
        amount: lineAmount(unitPrice, quantity),
      }),
    )
    if (change && change >= start && change < end) {
      charges.push(quantityChangeCharge(initial, story.quantity, change, start, end, unitPrice))
      const action = story.quantity > initial ? 'subscription.licenses_added' : 'subscription.licenses_removed'
      milestones.push({ at: change, action, before: { quantity: initial }, after: { quantity: story.quantity } })
    }
    if (cancelAt && story.cancel && cancelAt >= start && cancelAt < end) {
      const immediate = daysBetween(start, cancelAt) <= CANCEL_REFUND_WINDOW_DAYS
      const after = { reason: story.cancel.reason, autoRenew: 'off', ...(immediate ? { status: 'disabled' } : {}) }
      milestones.push({ at: cancelAt, action: 'subscription.cancelled', before: { status: 'active' }, after })
      if (immediate) {
        // §3: within the window the rest of the term is refunded and access ends now.
        const held = quantityAt(cancelAt)
        const refund = prorate(lineAmount(unitPrice, held), daysBetween(cancelAt, end), daysBetween(start, end))
        charges.push(
          charge({
            kind: 'credit_note',
            type: 'cancel',
            from: cancelAt,
            to: end,
            unitPrice,
            quantity: held,
            amount: refund,
          }),
        )
        ending = { status: 'disabled', at: cancelAt, termEnd: cancelAt }
      } else if (end <= now) {
        // §3: no renewal; access until the term end, then the lifecycle.
        ending = lapse(end, now)
        milestones.push(expired(end, 'active', ending.status))
      }
      break
    }
    if (end > now) break
    start = end
  }

  const pending = story.pendingQuantity
  if (pending) {
    const action = 'subscription.licenses_removal_scheduled'
    milestones.push({
      at: addDays(now, -pending.daysAgo),
      action,
      before: { quantity: story.quantity },
      after: { pendingQuantity: pending.to },
    })
  }
  return {
    status: ending?.status ?? 'active',
    statusChangedAt: ending?.at ?? paidStart,
    quantity: story.quantity,
    pendingQuantity: pending?.to ?? null,
    billingFrequency: story.frequency,
    unitPrice,
    termStart: start,
    termEnd: ending?.termEnd ?? end,
    autoRenew: !story.cancel,
    startedAsTrial: Boolean(story.fromTrial),
    trialEndsAt,
    lastQuantityIncreaseAt: change && story.quantity > initial ? change : null,
    cancellation:
      story.cancel && cancelAt
        ? { reason: story.cancel.reason, feedback: story.cancel.feedback ?? null, at: cancelAt }
        : null,
    createdAt: origin,
    needsBilling: true,
    charges,
    milestones,
  }
}

/** More licences are charged, fewer credited, prorated by day over the rest of the term (§3). */
function quantityChangeCharge(from: number, to: number, at: Date, start: Date, end: Date, unitPrice: number): Charge {
  const added = to > from
  if (!added && daysBetween(start, at) > REMOVAL_WINDOW_DAYS)
    throw new Error('a removal after the credit window waits: use pendingQuantity')
  const quantity = Math.abs(to - from)
  const amount = prorate(lineAmount(unitPrice, quantity), daysBetween(at, end), daysBetween(start, end))
  return added
    ? charge({ kind: 'invoice', type: 'add_quantity', from: at, to: end, unitPrice, quantity, amount })
    : charge({ kind: 'credit_note', type: 'remove_quantity', from: at, to: end, unitPrice, quantity, amount })
}

/** Every demo charge is issued on the day its period starts. */
function charge({
  from,
  to,
  ...rest
}: Omit<Charge, 'issuedAt' | 'periodStart' | 'periodEnd'> & { from: Date; to: Date }): Charge {
  return { ...rest, issuedAt: from, periodStart: from, periodEnd: to }
}

function trialStarted(at: Date, product: Product): Milestone {
  return { at, action: 'trial.started', before: null, after: { productCode: product.code, quantity: TRIAL_LICENSES } }
}

function expired(at: Date, from: Status, to: Status): Milestone {
  return { at, action: 'subscription.expired', before: { status: from }, after: { status: to }, system: true }
}

/** Where the lifecycle job has taken a subscription whose access ended at `end` (§3, §7). */
function lapse(end: Date, now: Date): { status: Status; at: Date } {
  const disabledAt = addDays(end, EXPIRED_DAYS)
  if (now < disabledAt) return { status: 'expired', at: end }
  const deletedAt = addDays(disabledAt, DISABLED_DAYS)
  return now < deletedAt ? { status: 'disabled', at: disabledAt } : { status: 'deleted', at: deletedAt }
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS)
}
