import { sql } from 'drizzle-orm'
import { boolean, check, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'

// DESIGN §1: every tenant table carries org_id; it is also the future distribution key.
export const userKind = pgEnum('user_kind', ['member', 'guest'])
export const userStatus = pgEnum('user_status', ['active', 'disabled'])
export const userRole = pgEnum('user_role', ['user', 'admin'])
export const language = pgEnum('language', ['fr', 'en'])

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    domain: text('domain').notNull().unique(),
    // What products added to the catalog later start as, for this organization (the policy page's default).
    // Only 'allowed' or 'blocked'; a product without a policy row reads this.
    newProductPolicy: text('new_product_policy').notNull().default('allowed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('organizations_new_product_policy', sql`${t.newProductPolicy} in ('allowed', 'blocked')`)],
)

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    displayName: text('display_name').notNull(),
    email: text('email').notNull(),
    kind: userKind('kind').notNull().default('member'),
    status: userStatus('status').notNull().default('active'),
    role: userRole('role').notNull().default('user'),
    language: language('language').notNull().default('en'),
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_org_email_key').on(t.orgId, sql`lower(${t.email})`),
    index('users_email_idx').on(sql`lower(${t.email})`),
    index('users_org_name_idx').on(t.orgId, t.displayName),
    check('users_email_shape', sql`position('@' in ${t.email}) > 1`),
  ],
)

// Sessions live in the database so any app instance can serve any request (DESIGN §1, §12).
// The primary key is the SHA-256 of the cookie value: a leaked table does not leak sessions.
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
)

// Failed sign-ins, counted per account and per IP over a sliding window (DESIGN §1).
// Not tenant data: it is written before we know who, if anyone, is signing in.
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    succeeded: boolean('succeeded').notNull(),
  },
  (t) => [index('sign_in_attempts_email_idx').on(t.email, t.at), index('sign_in_attempts_ip_idx').on(t.ip, t.at)],
)
