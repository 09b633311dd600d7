import { sql } from 'drizzle-orm'
import {
  boolean,
  char,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { billingProfiles, paymentMethods } from './billing'
import { products } from './catalog'
import { organizations, users } from './tenancy'

// DESIGN §3.
export const subscriptionStatus = pgEnum('subscription_status', ['trial', 'active', 'expired', 'disabled', 'deleted'])
export const billingFrequency = pgEnum('billing_frequency', ['monthly', 'annual'])
export const subscriptionSource = pgEnum('subscription_source', ['self_service', 'admin'])
export const cancellationReason = pgEnum('cancellation_reason', [
  'too_expensive',
  'missing_features',
  'switched_service',
  'not_used_enough',
  'customer_service',
  'too_complex',
  'quality',
  'other',
])

export const MAX_LICENSES = 10000 // §3
export const MAX_FEEDBACK_LENGTH = 5000 // §3

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    purchaserId: uuid('purchaser_id')
      .notNull()
      .references(() => users.id),
    // A trial without a payment method has neither profile nor card (DESIGN §3).
    billingProfileId: uuid('billing_profile_id').references(() => billingProfiles.id),
    paymentMethodId: uuid('payment_method_id').references(() => paymentMethods.id),
    status: subscriptionStatus('status').notNull(),
    quantity: integer('quantity').notNull(),
    // How many of those licences are assigned: kept by triggers on license_assignments (migration
    // 0009), so every list reads a column instead of counting assignments (issue 15). Never written by code.
    assignedCount: integer('assigned_count').notNull().default(0),
    billingFrequency: billingFrequency('billing_frequency').notNull(),
    unitPrice: integer('unit_price').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    source: subscriptionSource('source').notNull().default('self_service'),
    termStart: timestamp('term_start', { withTimezone: true }).notNull(),
    termEnd: timestamp('term_end', { withTimezone: true }).notNull(),
    autoRenew: boolean('auto_renew').notNull().default(true),
    startedAsTrial: boolean('started_as_trial').notNull().default(false),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
    pendingQuantity: integer('pending_quantity'),
    lastQuantityIncreaseAt: timestamp('last_quantity_increase_at', { withTimezone: true }),
    // How many licences that last increase added: only those can be removed at once with a credit
    // in the 7 days after it (DESIGN §3 is silent on a cap; without one, adding 1 licence would open
    // a window to refund any number).
    lastQuantityIncrease: integer('last_quantity_increase'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull(),
    cancellationReason: cancellationReason('cancellation_reason'),
    cancellationFeedback: text('cancellation_feedback'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    // The checkout form's idempotency key: a double submit finds the first subscription (DESIGN §3).
    idempotencyKey: text('idempotency_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('subscriptions_purchaser_idx').on(t.orgId, t.purchaserId, t.status),
    index('subscriptions_org_product_idx').on(t.orgId, t.productId),
    index('subscriptions_due_idx').on(t.status, t.termEnd),
    // What a billing profile bills and what a card pays for: Replace moves them, Delete asks (DESIGN §5).
    index('subscriptions_billing_profile_idx').on(t.orgId, t.billingProfileId),
    index('subscriptions_payment_method_idx').on(t.orgId, t.paymentMethodId),
    // The admin's self-service list (DESIGN §8) sorts by expiration date or by price, 25 a page: each order
    // is an index, so a page of a large organization reads 25 rows, not all of them (issue 15).
    index('subscriptions_admin_expiry_idx').on(
      t.orgId,
      t.source,
      sql`(case when ${t.status} = 'trial' then ${t.trialEndsAt} else ${t.termEnd} end)`,
      t.id,
    ),
    index('subscriptions_admin_price_idx').on(t.orgId, t.source, sql`((${t.unitPrice} * ${t.quantity})::int)`, t.id),
    uniqueIndex('subscriptions_idempotency_key').on(t.orgId, t.purchaserId, t.idempotencyKey),
    // One trial per product per user (DESIGN §3), even after it converts to paid.
    uniqueIndex('subscriptions_one_trial_key').on(t.orgId, t.purchaserId, t.productId).where(sql`${t.startedAsTrial}`),
    check('subscriptions_quantity_range', sql`${t.quantity} between 1 and 10000`),
    check(
      'subscriptions_pending_quantity_range',
      sql`${t.pendingQuantity} is null or ${t.pendingQuantity} between 1 and 10000`,
    ),
    check('subscriptions_unit_price_non_negative', sql`${t.unitPrice} >= 0`),
    check('subscriptions_currency_shape', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('subscriptions_term_order', sql`${t.termEnd} > ${t.termStart}`),
    check('subscriptions_trial_has_end', sql`${t.status} <> 'trial' or ${t.trialEndsAt} is not null`),
    check('subscriptions_feedback_length', sql`char_length(${t.cancellationFeedback}) <= 5000`),
  ],
)

// DESIGN §4: a user holds at most one licence per subscription (unique index); assigned ≤
// quantity is kept by locking the subscription row in every transaction that changes either.
export const licenseAssignments = pgTable(
  'license_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    // The holder's display name, kept by triggers (migration 0010: set on insert from users, and rewritten
    // when a user's name changes), so a subscription's holders come by name from one index: a page of
    // 5,000 holders read 25 rows instead of sorting every holder with every member (issue 15).
    holderName: text('holder_name').notNull().default(''),
  },
  (t) => [
    uniqueIndex('license_assignments_subscription_user_key').on(t.subscriptionId, t.userId),
    index('license_assignments_holder_order_idx').on(t.subscriptionId, t.holderName, t.userId),
    index('license_assignments_user_idx').on(t.orgId, t.userId),
  ],
)
