import type { PgTable } from 'drizzle-orm/pg-core'
import type { Tx } from '../client'
import {
  auditEvents,
  billingAccounts,
  billingProfiles,
  invoiceLines,
  invoices,
  licenseAssignments,
  notifications,
  paymentMethods,
  payments,
  policies,
  subscriptions,
  users,
} from '../schema/index'

// Every row is built in memory first, with ids made here (randomUUID), so the whole demo is a
// dozen multi-row INSERTs instead of one round trip per row: seconds, not minutes, on PGlite.

// PostgreSQL allows 65,535 bind parameters per statement; 500 rows of the widest table
// (subscriptions, 26 columns) take 13,000.
const CHUNK_ROWS = 500

type Rows<T extends PgTable> = T['$inferInsert'][]

export type DemoRows = {
  users: Rows<typeof users>
  policies: Rows<typeof policies>
  billingAccounts: Rows<typeof billingAccounts>
  paymentMethods: Rows<typeof paymentMethods>
  billingProfiles: Rows<typeof billingProfiles>
  subscriptions: Rows<typeof subscriptions>
  licenseAssignments: Rows<typeof licenseAssignments>
  invoices: Rows<typeof invoices>
  invoiceLines: Rows<typeof invoiceLines>
  payments: Rows<typeof payments>
  auditEvents: Rows<typeof auditEvents>
  notifications: Rows<typeof notifications>
}

export function emptyRows(): DemoRows {
  return {
    users: [],
    policies: [],
    billingAccounts: [],
    paymentMethods: [],
    billingProfiles: [],
    subscriptions: [],
    licenseAssignments: [],
    invoices: [],
    invoiceLines: [],
    payments: [],
    auditEvents: [],
    notifications: [],
  }
}

/** Writes the rows parents first, so every foreign key finds its target. */
export async function insertRows(tx: Tx, rows: DemoRows): Promise<void> {
  await insertChunked(tx, users, rows.users)
  await insertChunked(tx, policies, rows.policies)
  await insertChunked(tx, billingAccounts, rows.billingAccounts)
  await insertChunked(tx, paymentMethods, rows.paymentMethods)
  await insertChunked(tx, billingProfiles, rows.billingProfiles)
  await insertChunked(tx, subscriptions, rows.subscriptions)
  await insertChunked(tx, licenseAssignments, rows.licenseAssignments)
  await insertChunked(tx, invoices, rows.invoices)
  await insertChunked(tx, invoiceLines, rows.invoiceLines)
  await insertChunked(tx, payments, rows.payments)
  await insertChunked(tx, auditEvents, rows.auditEvents)
  await insertChunked(tx, notifications, rows.notifications)
}

async function insertChunked<T extends PgTable>(tx: Tx, table: T, values: Rows<T>): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK_ROWS) {
    await tx.insert(table).values(values.slice(i, i + CHUNK_ROWS))
  }
}
