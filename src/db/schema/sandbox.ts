import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

// The sandbox gateway's own memory (src/payments/sandbox-gateway.ts): what it answered under each
// idempotency key, so that every app instance and a restart see the same answers, as they would
// with a real gateway. Not tenant data: it stands for the gateway's side, outside the portal.
export const sandboxGatewayCalls = pgTable('sandbox_gateway_calls', {
  // `<operation>:<idempotency key>`
  key: text('key').primaryKey(),
  operation: text('operation').notNull(),
  // A hash of the request's parameters: the same key with other parameters is refused.
  requestHash: text('request_hash').notNull(),
  request: jsonb('request').$type<Record<string, string | number>>().notNull(),
  response: jsonb('response').$type<unknown>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})
