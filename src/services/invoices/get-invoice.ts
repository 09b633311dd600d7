import { and, asc, desc, eq, gte, lte, type SQL, sql } from 'drizzle-orm'
import {
  billingAccounts,
  billingProfiles,
  invoiceLines,
  invoices,
  products,
  subscriptions,
  type AddressSnapshot,
} from '../../db/schema/index'
import type { Db } from '../../db/client'
import { hasBilling } from '../billing/billing-accounts'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import type { InvoiceKind, InvoiceStatus, InvoiceType } from './list-invoices'
import { accountOfProfile, ownInvoice, profileOfInvoice, signed } from './own-invoices'

export type Named = { en: string; fr: string }
export type DocumentRef = { id: string; number: number }

export type InvoiceLine = {
  position: number
  /** The product in each language when the line is for one; else the line's own text in both. */
  description: Named
  periodStart: Date
  periodEnd: Date
  unitPrice: number
  quantity: number
  amount: number
  taxRateBp: number
  tax: number
}

/** Everything the invoice page, its PDF and its email show (DESIGN §6). Amounts are signed: a credit
 *  note's are negative. */
export type InvoiceDetails = {
  id: string
  number: number
  kind: InvoiceKind
  type: InvoiceType
  issuedAt: Date
  periodStart: Date
  periodEnd: Date
  soldTo: AddressSnapshot
  billTo: AddressSnapshot
  profile: { id: string; name: string; poNumber: string }
  paymentTerms: string
  lines: InvoiceLine[]
  subtotal: number
  tax: number
  total: number
  currency: string
  status: InvoiceStatus
  /** The card charged (an invoice) or refunded (a credit note), when there is one. */
  card: { brand: string; last4: string } | null
  /** A credit note: the invoice it credits. */
  credits: DocumentRef | null
  /** An invoice: the credit notes that credit it. */
  creditedBy: DocumentRef[]
}

/** One of the user's invoices or credit notes. Refuses not_found for a guest, and for another user's or
 *  tenant's id. */
export async function getInvoice(deps: Deps, actor: Actor, id: string): Promise<Outcome<InvoiceDetails, 'not_found'>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const [row] = await deps.db
    .select({ invoice: invoices, profile: billingProfiles, nameEn: products.nameEn, nameFr: products.nameFr })
    .from(invoices)
    .innerJoin(billingProfiles, profileOfInvoice)
    .innerJoin(billingAccounts, accountOfProfile)
    .leftJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(ownInvoice(actor), eq(invoices.id, id)))
  if (!row) return refuse('not_found')
  return ok(await detailsOf(deps.db, row))
}

/** The same read model for the system (the outbox's sender): any invoice by id, no actor. */
export async function invoiceForDelivery(db: Db, orgId: string, id: string): Promise<InvoiceDetails | null> {
  const [row] = await db
    .select({ invoice: invoices, profile: billingProfiles, nameEn: products.nameEn, nameFr: products.nameFr })
    .from(invoices)
    .innerJoin(billingProfiles, profileOfInvoice)
    .leftJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(eq(invoices.orgId, orgId), eq(invoices.id, id)))
  return row ? detailsOf(db, row) : null
}

type Row = {
  invoice: typeof invoices.$inferSelect
  profile: typeof billingProfiles.$inferSelect
  nameEn: string | null
  nameFr: string | null
}

async function detailsOf(db: Db, { invoice: inv, profile, nameEn, nameFr }: Row): Promise<InvoiceDetails> {
  const lines = await db
    .select()
    .from(invoiceLines)
    .where(and(eq(invoiceLines.orgId, inv.orgId), eq(invoiceLines.invoiceId, inv.id)))
    .orderBy(asc(invoiceLines.position))
  const s = (amount: number) => signed(amount, inv.kind)
  return {
    id: inv.id,
    number: inv.number,
    kind: inv.kind,
    type: inv.type,
    issuedAt: inv.issuedAt,
    periodStart: inv.periodStart,
    periodEnd: inv.periodEnd,
    soldTo: inv.soldTo,
    billTo: inv.billTo,
    profile: { id: profile.id, name: profile.name, poNumber: profile.poNumber },
    paymentTerms: inv.paymentTerms,
    lines: lines.map((l) => ({
      position: l.position,
      description: nameEn && nameFr ? { en: nameEn, fr: nameFr } : { en: l.description, fr: l.description },
      periodStart: l.periodStart,
      periodEnd: l.periodEnd,
      unitPrice: l.unitPrice,
      quantity: l.quantity,
      amount: s(l.amount),
      taxRateBp: l.taxRateBp,
      tax: s(l.tax),
    })),
    subtotal: s(inv.subtotal),
    tax: s(inv.tax),
    total: s(inv.total),
    currency: inv.currency,
    status: inv.status,
    card: inv.cardBrand && inv.cardLast4 ? { brand: inv.cardBrand, last4: inv.cardLast4 } : null,
    credits: inv.kind === 'credit_note' ? await creditedInvoice(db, inv) : null,
    creditedBy: inv.kind === 'invoice' ? await creditNotesOf(db, inv) : [],
  }
}

// NOTE: a credit note credits its subscription's latest invoice issued before it, on the same profile:
// credits are given only within 7 days of the term start or of an addition (DESIGN §3), which is that
// invoice's charge (the Purchase, Renew, Convert, Reactivate or Add quantity being taken back).
const sameSubscription = (inv: typeof invoices.$inferSelect): SQL =>
  and(
    eq(invoices.orgId, inv.orgId),
    eq(invoices.billingProfileId, inv.billingProfileId),
    eq(invoices.subscriptionId, inv.subscriptionId ?? inv.id),
  ) as SQL

async function creditedInvoice(db: Db, credit: typeof invoices.$inferSelect): Promise<DocumentRef | null> {
  if (!credit.subscriptionId) return null
  const [found] = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(and(sameSubscription(credit), eq(invoices.kind, 'invoice'), lte(invoices.issuedAt, credit.issuedAt)))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(1)
  return found ?? null
}

async function creditNotesOf(db: Db, inv: typeof invoices.$inferSelect): Promise<DocumentRef[]> {
  if (!inv.subscriptionId) return []
  // Up to the subscription's next invoice, found in the same statement.
  const nextInvoice = sql`coalesce((select min(n.issued_at) from ${invoices} n where n.org_id = ${inv.orgId}
    and n.billing_profile_id = ${inv.billingProfileId} and n.subscription_id = ${inv.subscriptionId}
    and n.kind = 'invoice' and n.issued_at > ${inv.issuedAt.toISOString()}::timestamptz), 'infinity'::timestamptz)`
  const notes = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(
      and(
        sameSubscription(inv),
        eq(invoices.kind, 'credit_note'),
        gte(invoices.issuedAt, inv.issuedAt),
        sql`${invoices.issuedAt} < ${nextInvoice}`,
      ),
    )
    .orderBy(asc(invoices.issuedAt), asc(invoices.number))
  return notes
}
