import { sql } from 'drizzle-orm'
import { boolean, check, char, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { organizations, users } from './tenancy'

// DESIGN §2. The catalog is shared by every organization; the policy is per organization.
export const trialOffer = pgEnum('trial_offer', ['none', 'with_payment_method', 'without_payment_method'])
export const policySetting = pgEnum('policy_setting', ['allowed', 'trials_only', 'blocked'])

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameFr: text('name_fr').notNull(),
    descriptionEn: text('description_en').notNull(),
    descriptionFr: text('description_fr').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    // Price of one licence for one month (monthly billing) or one year (annual billing), in minor units.
    monthlyPrice: integer('monthly_price').notNull(),
    annualPrice: integer('annual_price').notNull(),
    selfService: boolean('self_service').notNull().default(true),
    trialOffer: trialOffer('trial_offer').notNull().default('none'),
    maxQuantity: integer('max_quantity').notNull().default(10000),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('products_prices_non_negative', sql`${t.monthlyPrice} >= 0 and ${t.annualPrice} >= 0`),
    check('products_max_quantity_range', sql`${t.maxQuantity} between 1 and 10000`),
    check('products_currency_shape', sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
)

// No row means `allowed`, so products added later are allowed by default (DESIGN §2).
export const policies = pgTable(
  'policies',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    setting: policySetting('setting').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.productId] })],
)
