import { and, count, eq, like } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { payments } from '../../db/schema/index'
import { describeError } from '../../log'
import type { Deps } from '../deps'

// Every charge key ends in exactly one payments row: `succeeded` (written with the invoice, in the
// purchase's transaction) or `failed` (a decline, or a charge given back because it could not be
// recorded). The unique key makes the two exclusive, so a key can never be both refunded and
// recorded as paid — not by a retry, not by a racing double submit.

/** How an earlier attempt under this key ended, if one did. */
export async function chargeOutcome(db: DbOrTx, key: string): Promise<'succeeded' | 'failed' | null> {
  const [row] = await db.select({ status: payments.status }).from(payments).where(eq(payments.idempotencyKey, key))
  return row?.status ?? null
}

/** How many attempts under keys starting with `prefix` failed: the next attempt's number. */
export async function failedAttempts(db: DbOrTx, orgId: string, prefix: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(payments)
    .where(and(eq(payments.orgId, orgId), eq(payments.status, 'failed'), like(payments.idempotencyKey, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
  return Number(row?.n ?? 0)
}

type Attempt = { orgId: string; subscriptionId: string | null; key: string; amount: number; currency: string; at: Date }

/** A declined charge: the key is spent, nothing was taken. */
export async function recordDecline(deps: Deps, a: Attempt & { code: string }): Promise<void> {
  await deps.db
    .insert(payments)
    .values({ orgId: a.orgId, subscriptionId: a.subscriptionId, kind: 'charge', status: 'failed', amount: a.amount, currency: a.currency, idempotencyKey: a.key, failureCode: a.code, createdAt: a.at })
    .onConflictDoNothing()
}

/**
 * A charge that went through but could not be recorded: claim its key as failed, then give the
 * money back. If the key turns out to be recorded as paid (a racing submit of the same form won),
 * the charge is that purchase's and stays.
 */
export async function giveBackUnrecordedCharge(deps: Deps, a: Attempt & { reference: string; error: unknown }): Promise<void> {
  const claimed = await deps.db
    .insert(payments)
    .values({ orgId: a.orgId, subscriptionId: null, kind: 'charge', status: 'failed', amount: a.amount, currency: a.currency, idempotencyKey: a.key, gatewayReference: a.reference, failureCode: 'refunded_unrecorded', createdAt: a.at })
    .onConflictDoNothing()
    .returning({ id: payments.id })
  if (claimed.length === 0 && (await chargeOutcome(deps.db, a.key)) === 'succeeded') return
  try {
    await deps.gateway.refund({ chargeReference: a.reference, amount: a.amount, currency: a.currency, idempotencyKey: `refund:${a.key}` })
    deps.log.error('charge not recorded; refunded', { chargeReference: a.reference, error: describeError(a.error) })
  } catch (refundError) {
    deps.log.error('charge not recorded and the refund failed: refund by hand', { chargeReference: a.reference, amount: a.amount, error: describeError(a.error), refundError: describeError(refundError) })
  }
}
