import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { billingProfiles, paymentMethods, products, subscriptions } from '../../db/schema/index'
import type { GatewayResult, Charged } from '../../payments/gateway'
import type { Deps } from '../deps'
import { chargeOutcome, recordDecline } from '../invoices/charge-ledger'
import { issueInvoice, type InvoiceType } from '../invoices/issue-invoice'
import { quoteTerm, type Quote } from '../purchase/quote'

type Sub = typeof subscriptions.$inferSelect

export type TermCharge =
  | { ok: true; quote: Quote; invoiceId: string; termStart: Date; termEnd: Date }
  | { ok: false; reason: 'no_payment_method' | 'spent_key' | string }

/**
 * Charges one whole term of a (row-locked) subscription and records it: renewals, conversions at
 * trial end and reactivations share this. `key` names the term, so a rerun after a crash asks the
 * gateway with the same key and is answered with the same charge, never a second one.
 */
export async function chargeTerm(
  deps: Deps,
  tx: Tx,
  sub: Sub,
  o: { key: string; type: InvoiceType; quantity: number; start: Date },
): Promise<TermCharge> {
  if (!sub.paymentMethodId || !sub.billingProfileId) return { ok: false, reason: 'no_payment_method' }
  const [row] = await tx
    .select({ card: paymentMethods, country: billingProfiles.country, productName: products.nameEn })
    .from(paymentMethods)
    .innerJoin(billingProfiles, eq(billingProfiles.id, sub.billingProfileId))
    .innerJoin(products, eq(products.id, sub.productId))
    .where(eq(paymentMethods.id, sub.paymentMethodId))
  if (!row) return { ok: false, reason: 'no_payment_method' }
  if ((await chargeOutcome(tx, o.key)) === 'failed') return { ok: false, reason: 'spent_key' }
  const quote = quoteTerm({ monthlyPrice: sub.unitPrice, annualPrice: sub.unitPrice, currency: sub.currency }, { frequency: sub.billingFrequency, quantity: o.quantity, country: row.country, start: o.start })
  const charged: GatewayResult<Charged> = await deps.gateway.charge({ token: row.card.gatewayToken, amount: quote.total, currency: quote.currency, idempotencyKey: o.key })
  if (!charged.ok) {
    await recordDecline({ ...deps, db: tx }, { orgId: sub.orgId, subscriptionId: sub.id, key: o.key, amount: quote.total, currency: quote.currency, at: deps.clock.now(), code: charged.decline })
    return { ok: false, reason: charged.decline }
  }
  const invoice = await issueInvoice(tx, {
    orgId: sub.orgId,
    purchaserId: sub.purchaserId,
    billingProfileId: sub.billingProfileId,
    subscriptionId: sub.id,
    type: o.type,
    kind: 'invoice',
    issuedAt: deps.clock.now(),
    description: row.productName,
    quote,
    card: { brand: row.card.brand, last4: row.card.last4 },
    payment: { kind: 'charge', reference: charged.value.reference, idempotencyKey: o.key },
  })
  return { ok: true, quote, invoiceId: invoice.id, termStart: quote.periodStart, termEnd: quote.periodEnd }
}
