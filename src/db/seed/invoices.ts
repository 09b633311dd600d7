import { randomUUID } from 'node:crypto'
import { taxOn, taxRateFor } from '../../money/tax'
import type { AddressSnapshot } from '../schema/index'
import type { DemoRows } from './rows'
import type { Charge } from './timeline'

/** What every invoice of one billing profile copies: who is billed, where, and which card paid. */
export type ProfileBilling = {
  orgId: string
  billingProfileId: string
  currency: string
  soldTo: AddressSnapshot
  billTo: AddressSnapshot
  card: { brand: string; last4: string }
}

export type SubscriptionCharge = Charge & { subscriptionId: string; productName: string }

type InvoiceRows = Pick<DemoRows, 'invoices' | 'invoiceLines' | 'payments'>

const LINE_LABEL: Record<Charge['type'], string> = {
  purchase: '',
  convert: '',
  renew: '',
  reactivate: '',
  add_quantity: ', additional licenses',
  remove_quantity: ', licenses removed',
  cancel: ', cancellation refund',
}

/** The invoices and credit notes of one billing profile, numbered 1, 2, 3… in date order
 *  (DESIGN §6), each with its line and the card payment or refund that settled it. Returns
 *  the profile's next free number. */
export function invoiceRows(billing: ProfileBilling, charges: SubscriptionCharge[], into: InvoiceRows): number {
  const ordered = [...charges].sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())
  // The rate follows the bill-to country (§6); one line per invoice, so the invoice's tax is
  // the line's and total = subtotal + tax holds as the CHECK wants.
  const taxRateBp = taxRateFor(billing.billTo.country)
  ordered.forEach((c, i) => {
    const invoiceId = randomUUID()
    const tax = taxOn(c.amount, taxRateBp)
    const credit = c.kind === 'credit_note'
    into.invoices.push({
      id: invoiceId,
      orgId: billing.orgId,
      billingProfileId: billing.billingProfileId,
      subscriptionId: c.subscriptionId,
      number: i + 1,
      kind: c.kind,
      type: c.type,
      issuedAt: c.issuedAt,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      soldTo: billing.soldTo,
      billTo: billing.billTo,
      subtotal: c.amount,
      tax,
      total: c.amount + tax,
      currency: billing.currency,
      status: credit ? 'credited' : 'paid',
      cardBrand: billing.card.brand,
      cardLast4: billing.card.last4,
    })
    into.invoiceLines.push({
      orgId: billing.orgId,
      invoiceId,
      position: 1,
      description: `${c.productName}${LINE_LABEL[c.type]} (${isoDay(c.periodStart)} – ${isoDay(c.periodEnd)})`,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      unitPrice: c.unitPrice,
      quantity: c.quantity,
      amount: c.amount,
      taxRateBp,
      tax,
    })
    into.payments.push({
      orgId: billing.orgId,
      subscriptionId: c.subscriptionId,
      invoiceId,
      kind: credit ? 'refund' : 'charge',
      status: 'succeeded',
      amount: c.amount + tax,
      currency: billing.currency,
      idempotencyKey: `demo:${invoiceId}`,
      gatewayReference: `${credit ? 're' : 'ch'}_demo_${invoiceId.replaceAll('-', '').slice(0, 16)}`,
      createdAt: c.issuedAt,
    })
  })
  return ordered.length + 1
}

function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10)
}
