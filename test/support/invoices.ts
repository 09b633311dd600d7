import type { Db } from '../../src/db/client'
import { quoteTerm } from '../../src/money/quote'
import { issueInvoice, type InvoiceType } from '../../src/services/invoices/issue-invoice'

/** An invoice (or credit note) issued as the services issue them: numbered by its profile, one line,
 *  taxed by the bill-to country. A month of `quantity` licences at `unitPrice`. */
export async function anInvoice(
  db: Db,
  o: {
    orgId: string
    billingProfileId: string
    subscriptionId: string
    purchaserId: string
    issuedAt: Date
    kind?: 'invoice' | 'credit_note'
    type?: InvoiceType
    quantity?: number
    unitPrice?: number
    country?: string
    currency?: string
  },
): Promise<{ id: string; number: number }> {
  const quote = quoteTerm(
    { monthlyPrice: o.unitPrice ?? 1000, annualPrice: 0, currency: o.currency ?? 'EUR' },
    { frequency: 'monthly', quantity: o.quantity ?? 10, country: o.country ?? 'FR', start: o.issuedAt },
  )
  return db.transaction((tx) =>
    issueInvoice(tx, {
      orgId: o.orgId,
      billingProfileId: o.billingProfileId,
      subscriptionId: o.subscriptionId,
      purchaserId: o.purchaserId,
      type: o.type ?? (o.kind === 'credit_note' ? 'cancel' : 'purchase'),
      kind: o.kind ?? 'invoice',
      issuedAt: o.issuedAt,
      description: 'A product',
      quote,
      card: { brand: 'visa', last4: '4242' },
    }),
  )
}
