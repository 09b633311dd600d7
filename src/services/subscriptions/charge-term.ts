import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { DECLINE_REASONS } from '../../payments/gateway'
import { billingProfiles, paymentMethods, products, subscriptions } from '../../db/schema/index'
import type { Deps } from '../deps'
import { chargeAndRecord, failedAttempts, type ChargeRefusal } from '../charges/charge-and-record'
import { issueInvoice, type InvoiceType } from '../invoices/issue-invoice'
import { quoteTerm, type Quote } from '../../money/quote'

type Sub = typeof subscriptions.$inferSelect
export type Term = { quote: Quote; invoiceId: string; termStart: Date; termEnd: Date }

export type TermCharge<T> =
  | { ok: true; value: T; term: Term }
  | { ok: false; reason: 'no_payment_method' | 'replayed' | 'changed_meanwhile' | ChargeRefusal }

/**
 * Charges one whole term of a subscription through the charge path and records it: renewals,
 * conversions at trial end and reactivations share this. The card is the one the subscription
 * points to now. `keyPrefix` names the term; the attempt number after it moves on only when an
 * attempt was given back or declined, so a rerun after a crash asks the gateway under the same
 * key and is answered with the same charge, never a second one. `unchanged` re-checks, under the
 * subscription's row lock, that the term is still due as it was when priced; `apply` writes the
 * subscription's new state in the same transaction as the invoice.
 */
export async function chargeTerm<T>(
  deps: Deps,
  sub: Sub,
  o: {
    keyPrefix: string
    type: InvoiceType
    quantity: number
    start: Date
    unchanged: (locked: Sub) => boolean
    apply: (tx: Tx, locked: Sub, term: Term & { chargeReference: string }) => Promise<T>
  },
): Promise<TermCharge<T>> {
  if (!sub.paymentMethodId || !sub.billingProfileId) return { ok: false, reason: 'no_payment_method' }
  const billingProfileId = sub.billingProfileId
  const attempt = failedAttempts({ orgId: sub.orgId, subscriptionId: sub.id, prefix: o.keyPrefix })
  const [row] = await deps.db
    .select({ card: paymentMethods, country: billingProfiles.country, productName: products.nameEn, attempt })
    .from(paymentMethods)
    .innerJoin(billingProfiles, eq(billingProfiles.id, billingProfileId))
    .innerJoin(products, eq(products.id, sub.productId))
    .where(eq(paymentMethods.id, sub.paymentMethodId))
  if (!row) return { ok: false, reason: 'no_payment_method' }
  const { card } = row
  const price = { monthlyPrice: sub.unitPrice, annualPrice: sub.unitPrice, currency: sub.currency }
  const quote = quoteTerm(price, {
    frequency: sub.billingFrequency,
    quantity: o.quantity,
    country: row.country,
    start: o.start,
  })
  const charge = {
    orgId: sub.orgId,
    subscriptionId: sub.id,
    key: `${o.keyPrefix}${row.attempt}`,
    amount: quote.total,
    currency: quote.currency,
    // The key names the term; the start is not in the order, so a second click of Reactivate a
    // moment later is the same order (and the same charge), not another one.
    order: { subscription: sub.id, type: o.type, quantity: o.quantity, card: card.id },
  }
  const result = await chargeAndRecord(deps, charge, card.gatewayToken, async (tx, charged) => {
    const [locked] = await tx.select().from(subscriptions).where(eq(subscriptions.id, sub.id)).for('update')
    if (!locked || !o.unchanged(locked) || locked.paymentMethodId !== card.id)
      return { ok: false, giveBack: 'changed_meanwhile' as const }
    const invoice = await issueInvoice(tx, {
      orgId: sub.orgId,
      purchaserId: sub.purchaserId,
      billingProfileId,
      subscriptionId: sub.id,
      type: o.type,
      kind: 'invoice',
      issuedAt: deps.clock.now(),
      description: row.productName,
      quote,
      card: { brand: card.brand, last4: card.last4 },
    })
    const term = { quote, invoiceId: invoice.id, termStart: quote.periodStart, termEnd: quote.periodEnd }
    const value = await o.apply(tx, locked, { ...term, chargeReference: charged.reference })
    return { ok: true, value: { value, term }, invoiceId: invoice.id, subscriptionId: sub.id }
  })
  if (result.kind === 'recorded') return { ok: true, ...result.value }
  if (result.kind === 'replayed') return { ok: false, reason: 'replayed' }
  return { ok: false, reason: result.refusal }
}

/** The card's answer, or no card: the term could not be paid (and the subscription expires).
 *  Named one by one, so that a refusal added later never expires a subscription by default. */
export function isPaymentFailure(reason: string): boolean {
  return reason === 'no_payment_method' || (DECLINE_REASONS as readonly string[]).includes(reason)
}

/** The key prefix of a trial's first paid term, whoever charges it: "Start paid subscription now"
 *  and the job at the trial's end share it, so if both run at once the gateway answers the second
 *  with the first's charge instead of a second charge to give back. */
export const firstPaidTermKey = (subscriptionId: string) => `convert:${subscriptionId}:`
