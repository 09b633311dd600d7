import { sql } from 'drizzle-orm'
import { char, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { invoices } from './invoices'
import { organizations } from './tenancy'

// Invoices by email (DESIGN §5, §6): one row per invoice and recipient, written in the transaction that
// issues the invoice, so an email exists exactly when its invoice does. The lifecycle job delivers them.
// `sending` is a claim with a lease (`locked_until`): the message goes out with no row lock held, and a
// claim whose process died is taken again once the lease has passed.
export const outboxStatus = pgEnum('outbox_status', ['pending', 'sending', 'sent', 'failed'])

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id),
    recipient: text('recipient').notNull(),
    /** The language of the email and of its PDF: the recipient's own when they are a user, else the owner's. */
    language: char('language', { length: 2 }).notNull(),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One email per invoice and recipient, however often anything runs.
    uniqueIndex('outbox_invoice_recipient_key').on(t.invoiceId, t.recipient),
    // The job's look-up: what is due, oldest first.
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending' or ${t.status} = 'sending'`),
    check('outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
    check('outbox_language', sql`${t.language} in ('en', 'fr')`),
  ],
)
