import { and, eq, type SQL, sql } from 'drizzle-orm'
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
  const [row] = await ownInvoiceQuery(deps.db).execute({ orgId: actor.orgId, userId: actor.id, id })
  if (!row) return refuse('not_found')
  return ok(detailsOf(row))
}

// Built once per database handle and prepared: every invoice page and PDF download runs it (a cached PDF is
// served only after it), and drizzle's building of this select was a quarter of such a request's CPU.
const ownInvoiceQueries = new WeakMap<Db, ReturnType<typeof prepareOwnInvoice>>()
function ownInvoiceQuery(db: Db) {
  let query = ownInvoiceQueries.get(db)
  if (!query) {
    query = prepareOwnInvoice(db)
    ownInvoiceQueries.set(db, query)
  }
  return query
}

function prepareOwnInvoice(db: Db) {
  const owner = { orgId: sql.placeholder('orgId'), id: sql.placeholder('userId') }
  return db
    .select(DETAILS)
    .from(invoices)
    .innerJoin(billingProfiles, profileOfInvoice)
    .innerJoin(billingAccounts, accountOfProfile)
    .leftJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(ownInvoice(owner), eq(invoices.id, sql.placeholder('id'))))
    .prepare('own_invoice')
}

/** The same read model for the system (the outbox's sender): any invoice by id, no actor. */
export async function invoiceForDelivery(db: Db, orgId: string, id: string): Promise<InvoiceDetails | null> {
  const [row] = await db
    .select(DETAILS)
    .from(invoices)
    .innerJoin(billingProfiles, profileOfInvoice)
    .leftJoin(subscriptions, eq(subscriptions.id, invoices.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(eq(invoices.orgId, orgId), eq(invoices.id, id)))
  return row ? detailsOf(row) : null
}

// The lines and the related documents come in the same statement as the invoice, as JSON (one statement,
// not three: the invoice page and every PDF download read this, issue 15). Inside the subqueries the outer
// row is "invoices"; the aliases l, c and n are the rows looked up for it.
type LineJson = Omit<InvoiceLine, 'description' | 'periodStart' | 'periodEnd'> & {
  description: string
  periodStart: string
  periodEnd: string
}

const linesJson = sql<LineJson[] | string>`coalesce((select json_agg(json_build_object('position', l.position,
  'description', l.description, 'periodStart', l.period_start, 'periodEnd', l.period_end, 'unitPrice', l.unit_price,
  'quantity', l.quantity, 'amount', l.amount, 'taxRateBp', l.tax_rate_bp, 'tax', l.tax) order by l.position)
  from ${invoiceLines} l where l.org_id = ${invoices.orgId} and l.invoice_id = ${invoices.id}), '[]'::json)`

// NOTE: a credit note credits its subscription's latest invoice issued before it, on the same profile:
// credits are given only within 7 days of the term start or of an addition (DESIGN §3), which is that
// invoice's charge (the Purchase, Renew, Convert, Reactivate or Add quantity being taken back). A document
// with no subscription relates to none (the equality with a null subscription_id holds for no row).
const sameSubscription = (alias: SQL) =>
  sql`${alias}.org_id = ${invoices.orgId} and ${alias}.billing_profile_id = ${invoices.billingProfileId}
  and ${alias}.subscription_id = ${invoices.subscriptionId}`

/** A credit note: the invoice it credits. */
const creditsJson = sql<DocumentRef | string | null>`case when ${invoices.kind} = 'credit_note' then
  (select json_build_object('id', c.id, 'number', c.number) from ${invoices} c where ${sameSubscription(sql`c`)}
  and c.kind = 'invoice' and c.issued_at <= ${invoices.issuedAt} order by c.issued_at desc, c.number desc limit 1)
  end`

/** An invoice: the credit notes issued from it up to the subscription's next invoice. */
const creditedByJson = sql<DocumentRef[] | string>`case when ${invoices.kind} = 'invoice' then
  coalesce((select json_agg(json_build_object('id', c.id, 'number', c.number) order by c.issued_at, c.number)
  from ${invoices} c where ${sameSubscription(sql`c`)} and c.kind = 'credit_note'
  and c.issued_at >= ${invoices.issuedAt}
  and c.issued_at < coalesce((select min(n.issued_at) from ${invoices} n where ${sameSubscription(sql`n`)}
    and n.kind = 'invoice' and n.issued_at > ${invoices.issuedAt}), 'infinity'::timestamptz)), '[]'::json)
  else '[]'::json end`

const DETAILS = {
  invoice: invoices,
  profile: { id: billingProfiles.id, name: billingProfiles.name, poNumber: billingProfiles.poNumber },
  nameEn: products.nameEn,
  nameFr: products.nameFr,
  lines: linesJson,
  credits: creditsJson,
  creditedBy: creditedByJson,
}

type Row = {
  invoice: typeof invoices.$inferSelect
  profile: InvoiceDetails['profile']
  nameEn: string | null
  nameFr: string | null
  lines: LineJson[] | string
  credits: DocumentRef | string | null
  creditedBy: DocumentRef[] | string
}

/** JSON from the driver: postgres.js and PGlite parse it; a driver that hands back the text gets it parsed. */
function parsed<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value
}

function detailsOf({ invoice: inv, profile, nameEn, nameFr, ...related }: Row): InvoiceDetails {
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
    lines: parsed(related.lines).map((l) => ({
      position: l.position,
      description: nameEn && nameFr ? { en: nameEn, fr: nameFr } : { en: l.description, fr: l.description },
      periodStart: new Date(l.periodStart),
      periodEnd: new Date(l.periodEnd),
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
    credits: parsed(related.credits),
    creditedBy: parsed(related.creditedBy),
  }
}
