import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import {
  addressOf,
  billingAccounts,
  billingProfiles,
  invoiceLines,
  invoices,
  notifications,
  type AddressSnapshot,
} from '../../db/schema/index'
import type { Quote } from '../../money/quote'
import { queueInvoiceEmails } from './invoice-emails'

export type InvoiceType = (typeof invoices.type.enumValues)[number]

export type IssueInvoiceInput = {
  orgId: string
  billingProfileId: string
  subscriptionId: string
  /** Told about it in the app (DESIGN §9): every invoice and credit note notifies the purchaser. */
  purchaserId: string
  type: InvoiceType
  kind: 'invoice' | 'credit_note'
  issuedAt: Date
  description: string
  quote: Quote
  card: { brand: string; last4: string } | null
}

/**
 * Issues one invoice or credit note with its line inside the caller's transaction (its payment is
 * the charge path's intent, or the refunds of refundCredit). The number is the profile's next one,
 * taken under the profile's row lock, so numbers are sequential per profile and never reused, even
 * with concurrent purchases (DESIGN §6). Its emails are queued in the same transaction (`queueInvoiceEmails`).
 */
export async function issueInvoice(tx: Tx, input: IssueInvoiceInput): Promise<{ id: string; number: number }> {
  // The profile's next number and its account, in one statement: the update is the row lock.
  const bumped = tx.$with('bumped').as(
    tx
      .update(billingProfiles)
      .set({ nextInvoiceNumber: sql`${billingProfiles.nextInvoiceNumber} + 1` })
      .where(and(eq(billingProfiles.orgId, input.orgId), eq(billingProfiles.id, input.billingProfileId)))
      .returning(),
  )
  const [found] = await tx
    .with(bumped)
    .select()
    .from(bumped)
    .innerJoin(billingAccounts, eq(billingAccounts.id, bumped.billingAccountId))
  if (!found) throw new Error('billing profile or account vanished inside the transaction')
  const { bumped: profile, billing_accounts: account } = found

  const soldTo: AddressSnapshot = {
    name: account.name,
    ...addressOf(account),
    taxId: account.taxId,
  }
  const billTo: AddressSnapshot = {
    name: profile.name,
    ...addressOf(profile),
  }
  const q = input.quote
  const number = profile.nextInvoiceNumber - 1
  // The id is made here so that the invoice, its line and the purchaser's notification go in one
  // statement (the line's foreign key is checked at the statement's end, after the invoice's insert).
  const id = randomUUID()
  const invoice = tx.$with('invoice').as(
    tx.insert(invoices).values({
      id,
      orgId: input.orgId,
      billingProfileId: profile.id,
      subscriptionId: input.subscriptionId,
      number,
      kind: input.kind,
      type: input.type,
      issuedAt: input.issuedAt,
      periodStart: q.periodStart,
      periodEnd: q.periodEnd,
      soldTo,
      billTo,
      subtotal: q.subtotal,
      tax: q.tax,
      total: q.total,
      currency: q.currency,
      status: input.kind === 'credit_note' ? 'credited' : 'paid',
      cardBrand: input.card?.brand ?? null,
      cardLast4: input.card?.last4 ?? null,
    }),
  )
  const notified = tx.$with('notified').as(
    tx.insert(notifications).values({
      orgId: input.orgId,
      userId: input.purchaserId,
      kind: 'invoice_issued',
      subscriptionId: input.subscriptionId,
      data: { invoiceId: id, number },
      createdAt: input.issuedAt,
    }),
  )
  await tx.with(invoice, notified).insert(invoiceLines).values({
    orgId: input.orgId,
    invoiceId: id,
    position: 1,
    description: input.description,
    periodStart: q.periodStart,
    periodEnd: q.periodEnd,
    unitPrice: q.unitPrice,
    quantity: q.quantity,
    amount: q.subtotal,
    taxRateBp: q.taxRateBp,
    tax: q.tax,
  })
  await queueInvoiceEmails(tx, { invoiceId: id, issuedAt: input.issuedAt, profile, ownerId: account.ownerId })
  return { id, number }
}
