import type { DbOrTx } from '../../db/client'
import { auditEvents } from '../../db/schema/index'

export type AuditEntry = {
  orgId: string
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
  at: Date
}

/** Writes one audit event (DESIGN §8), inside the caller's transaction so it commits with the change. */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await auditInsert(tx, entry)
}

/** The audit event's insert, not yet run: to go as a `WITH` part of the statement that makes the change. */
export function auditInsert(tx: DbOrTx, entry: AuditEntry) {
  return tx.insert(auditEvents).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null })
}
