import { sql } from 'drizzle-orm'
import {
  bigserial,
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { subscriptions } from './subscriptions'
import { organizations, users } from './tenancy'

// DESIGN §8: every change writes an audit event (who, what, when, before/after).
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('audit_events_org_at_idx').on(t.orgId, t.at),
    index('audit_events_entity_idx').on(t.orgId, t.entityType, t.entityId),
    // The audit log's filters (DESIGN §8): by who and by what, newest first.
    index('audit_events_actor_idx').on(t.orgId, t.actorId, t.at),
    index('audit_events_action_idx').on(t.orgId, t.action, t.at),
  ],
)

// DESIGN §9: in-app notifications for the purchaser.
export const notificationKind = pgEnum('notification_kind', [
  'take_over',
  'renewal_failed',
  'trial_ending',
  'invoice_issued',
  'subscription_expired',
])

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: notificationKind('kind').notNull(),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    data: jsonb('data').$type<Record<string, string | number>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.orgId, t.userId, t.createdAt),
    // The lifecycle job reminds once per trial, even when several instances run it at once.
    uniqueIndex('notifications_trial_ending_once').on(t.subscriptionId, t.kind).where(sql`${t.kind} = 'trial_ending'`),
  ],
)

export const supportStatus = pgEnum('support_status', ['open', 'closed'])

export const supportRequests = pgTable(
  'support_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    // Optional: the subscription the request is about (one of the requester's own).
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id),
    status: supportStatus('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
  },
  (t) => [
    index('support_requests_org_idx').on(t.orgId, t.createdAt),
    index('support_requests_user_idx').on(t.orgId, t.userId, t.createdAt),
    check('support_requests_lengths', sql`char_length(${t.subject}) <= 200 and char_length(${t.body}) <= 5000`),
  ],
)
