import { sql } from 'drizzle-orm'
import { boolean, char, check, index, integer, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { organizations, users } from './tenancy'

// DESIGN §5. Addresses are stored as plain columns so invoices can snapshot them.
export const billingStatus = pgEnum('billing_status', ['active', 'disabled'])

const address = (prefix: string) => ({
  line1: text(`${prefix}_line1`).notNull(),
  line2: text(`${prefix}_line2`).notNull().default(''),
  city: text(`${prefix}_city`).notNull(),
  postalCode: text(`${prefix}_postal_code`).notNull(),
  region: text(`${prefix}_region`).notNull().default(''),
  country: char(`${prefix}_country`, { length: 2 }).notNull(),
})

export type Address = {
  line1: string
  line2: string
  city: string
  postalCode: string
  region: string
  country: string
}

/** The address columns of any row that has them (account, profile, card), to copy or snapshot. */
export function addressOf(row: Address): Address {
  const { line1, line2, city, postalCode, region, country } = row
  return { line1, line2, city, postalCode, region, country }
}

export const billingAccounts = pgTable(
  'billing_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    agreementType: text('agreement_type').notNull().default('customer_agreement'),
    ...address('sold_to'),
    taxId: text('tax_id').notNull().default(''),
    status: billingStatus('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('billing_accounts_owner_idx').on(t.orgId, t.ownerId)],
)

// A card as the gateway tokenized it. The full number and the security code are never
// stored (DESIGN §5): only brand, last four, expiry, holder, address and the token.
export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    brand: text('brand').notNull(),
    last4: char('last4', { length: 4 }).notNull(),
    expMonth: integer('exp_month').notNull(),
    expYear: integer('exp_year').notNull(),
    nameOnCard: text('name_on_card').notNull(),
    ...address('billing'),
    gatewayToken: text('gateway_token').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('payment_methods_owner_idx').on(t.orgId, t.ownerId),
    check('payment_methods_last4_digits', sql`${t.last4} ~ '^[0-9]{4}$'`),
    check('payment_methods_exp_month_range', sql`${t.expMonth} between 1 and 12`),
  ],
)

export const billingProfiles = pgTable(
  'billing_profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    billingAccountId: uuid('billing_account_id')
      .notNull()
      .references(() => billingAccounts.id),
    name: text('name').notNull(),
    status: billingStatus('status').notNull().default('active'),
    currency: char('currency', { length: 3 }).notNull(),
    ...address('bill_to'),
    poNumber: text('po_number').notNull().default(''),
    invoiceEmailRecipients: text('invoice_email_recipients').notNull().default(''),
    emailInvoices: boolean('email_invoices').notNull().default(true),
    paymentMethodId: uuid('payment_method_id').references(() => paymentMethods.id),
    // Invoice numbers are sequential per profile and never reused (DESIGN §6): the next one
    // is taken under the profile's row lock.
    nextInvoiceNumber: integer('next_invoice_number').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('billing_profiles_account_idx').on(t.orgId, t.billingAccountId),
    index('billing_profiles_payment_method_idx').on(t.orgId, t.paymentMethodId),
    check('billing_profiles_next_number_positive', sql`${t.nextInvoiceNumber} >= 1`),
  ],
)
