import { and, asc, eq, lte, or, sql } from 'drizzle-orm'
import { payments } from '../../db/schema/index'
import { describeError } from '../../log'
import { recordAudit } from '../audit/record-audit'
import type { Deps } from '../deps'
import { giveBack, SETTLE_AFTER_MS } from './charge-and-record'

const BATCH = 500

export type ReconcileReport = { refunded: number; declined: number; abandoned: number; errors: number }

/**
 * The reconciler, a step of the lifecycle job: settles every charge intent that never reached an
 * outcome — `pending` for more than SETTLE_AFTER_MS, or `voiding` (a give-back cut short). It asks
 * the gateway what happened under the key: nothing (closed as abandoned), a decline (closed as
 * failed), or a charge, which is refunded under the give-back's key, so exactly once whoever gets
 * there first. A charge is never recorded here: the order it paid for was not, and its rules may no
 * longer hold. Each settlement is logged with the charge reference and audited.
 */
export async function reconcileCharges(deps: Deps, o: { settleAfterMs?: number } = {}): Promise<ReconcileReport> {
  const report: ReconcileReport = { refunded: 0, declined: 0, abandoned: 0, errors: 0 }
  const cutoff = new Date(deps.clock.now().getTime() - (o.settleAfterMs ?? SETTLE_AFTER_MS))
  const due = await deps.db
    .select({
      id: payments.id,
      orgId: payments.orgId,
      key: payments.idempotencyKey,
      amount: payments.amount,
      currency: payments.currency,
    })
    .from(payments)
    .where(
      and(
        eq(payments.kind, 'charge'),
        or(eq(payments.status, 'voiding'), and(eq(payments.status, 'pending'), lte(payments.createdAt, cutoff))),
      ),
    )
    .orderBy(asc(payments.createdAt))
    .limit(BATCH)
  for (const intent of due) {
    try {
      const settled = await settle(deps, intent)
      if (settled) report[settled]++
    } catch (error) {
      report.errors++
      deps.log.error('a charge intent could not be settled; the next run retries', {
        chargeKey: intent.key,
        error: describeError(error),
      })
    }
  }
  return report
}

async function settle(
  deps: Deps,
  intent: { id: string; orgId: string; key: string; amount: number; currency: string },
) {
  const found = await deps.gateway.lookup(intent.key)
  const at = deps.clock.now()
  if (found.state === 'charged') {
    if ((await giveBack(deps, intent, found.reference, 'settled by the reconciler')) === 'recorded') return null
    deps.log.warn('charge settled by the reconciler: refunded', {
      chargeKey: intent.key,
      chargeReference: found.reference,
      amount: intent.amount,
    })
    await audit(deps, intent, 'payment.settled_refunded', {
      chargeReference: found.reference,
      amount: intent.amount,
      currency: intent.currency,
    })
    return 'refunded' as const
  }
  // Nothing was taken: close the intent, unless its request recorded it meanwhile (the claim of a
  // pending row is exclusive with its recording).
  const failureCode = found.state === 'declined' ? found.decline : 'abandoned'
  const closed = await deps.db
    .update(payments)
    .set({ status: 'failed', failureCode, settledAt: at })
    .where(and(eq(payments.id, intent.id), sql`${payments.status} in ('pending', 'voiding')`))
    .returning({ id: payments.id })
  if (closed.length === 0) return null
  deps.log.info('charge intent settled by the reconciler: nothing was taken', { chargeKey: intent.key, failureCode })
  await audit(deps, intent, 'payment.settled_nothing_taken', { failureCode })
  return found.state === 'declined' ? ('declined' as const) : ('abandoned' as const)
}

function audit(deps: Deps, intent: { id: string; orgId: string }, action: string, after: Record<string, unknown>) {
  return deps.db.transaction((tx) =>
    recordAudit(tx, {
      orgId: intent.orgId,
      actorId: null,
      action,
      entityType: 'payment',
      entityId: intent.id,
      after,
      at: deps.clock.now(),
    }),
  )
}
