import { sql } from 'drizzle-orm'
import {
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { billingProfiles } from './billing'
import { subscriptions } from './subscriptions'
import { organizations } from './tenancy'

// DESIGN §6. Sold-to and bill-to are snapshots: an invoice never changes when an address does.
export const invoiceKind = pgEnum('invoice_kind', ['invoice', 'credit_note'])
export const invoiceType = pgEnum('invoice_type', [
  'purchase',
  'convert',
  'add_quantity',
  'remove_quantity',
  'cancel',
  'renew',
  'reactivate',
])
export const invoiceStatus = pgEnum('invoice_status', ['paid', 'due', 'failed', 'credited'])
export const paymentKind = pgEnum('payment_kind', ['charge', 'refund'])
// A charge starts as a `pending` intent, written before the gateway is called; it ends `succeeded`
// (recorded with its invoice) or `failed` (declined, or given back). `voiding` is the claim of a
// charge that will not be recorded: its money goes back, then it is `failed`.
export const paymentStatus = pgEnum('payment_status', ['succeeded', 'failed', 'pending', 'voiding'])

export type AddressSnapshot = {
  name: string
  line1: string
  line2: string
  city: string
  postalCode: string
  region: string
  country: string
  taxId?: string
}

export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    billingProfileId: uuid('billing_profile_id')
      .notNull()
      .references(() => billingProfiles.id),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    number: integer('number').notNull(),
    kind: invoiceKind('kind').notNull(),
    type: invoiceType('type').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    soldTo: jsonb('sold_to').$type<AddressSnapshot>().notNull(),
    billTo: jsonb('bill_to').$type<AddressSnapshot>().notNull(),
    paymentTerms: text('payment_terms').notNull().default('charged_to_card'),
    subtotal: integer('subtotal').notNull(),
    tax: integer('tax').notNull(),
    total: integer('total').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    status: invoiceStatus('status').notNull(),
    cardBrand: text('card_brand'),
    cardLast4: char('card_last4', { length: 4 }),
  },
  (t) => [
    uniqueIndex('invoices_profile_number_key').on(t.billingProfileId, t.number),
    index('invoices_org_issued_idx').on(t.orgId, t.issuedAt),
    index('invoices_subscription_idx').on(t.subscriptionId),
    // A user's invoices by range, newest first, page by page (keyset on issued_at, id): per billing profile.
    index('invoices_profile_issued_idx').on(t.billingProfileId, t.issuedAt, t.id),
    check('invoices_total_adds_up', sql`${t.total} = ${t.subtotal} + ${t.tax}`),
    check('invoices_amounts_non_negative', sql`${t.subtotal} >= 0 and ${t.tax} >= 0`),
    check('invoices_currency_shape', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('invoices_period_order', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
)

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    unitPrice: integer('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
    amount: integer('amount').notNull(),
    // Tax rate in basis points (2000 = 20 %), so no float ever touches money.
    taxRateBp: integer('tax_rate_bp').notNull(),
    tax: integer('tax').notNull(),
  },
  (t) => [
    uniqueIndex('invoice_lines_position_key').on(t.invoiceId, t.position),
    check('invoice_lines_non_negative', sql`${t.amount} >= 0 and ${t.tax} >= 0 and ${t.quantity} >= 0`),
    check('invoice_lines_tax_rate_range', sql`${t.taxRateBp} between 0 and 10000`),
  ],
)

// Every gateway call that moved money, keyed by its idempotency key so a retry finds it.
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    invoiceId: uuid('invoice_id').references(() => invoices.id),
    kind: paymentKind('kind').notNull(),
    status: paymentStatus('status').notNull(),
    amount: integer('amount').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    gatewayReference: text('gateway_reference'),
    failureCode: text('failure_code'),
    // For a refund: the charge it gives money back from (a refund never exceeds what is left of it).
    refundedPaymentId: uuid('refunded_payment_id').references((): AnyPgColumn => payments.id),
    // For a charge intent: a hash of what is bought (order, amount, card), so a key reused for
    // another order is refused before any money moves.
    fingerprint: text('fingerprint'),
    // For a charge given back: the gateway's refund reference.
    refundReference: text('refund_reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    index('payments_subscription_idx').on(t.orgId, t.subscriptionId),
    // The reconciler's look-up: intents that never reached an outcome.
    index('payments_unsettled_idx').on(t.createdAt).where(sql`${t.status} <> 'succeeded' and ${t.status} <> 'failed'`),
    check('payments_amount_non_negative', sql`${t.amount} >= 0`),
  ],
)
