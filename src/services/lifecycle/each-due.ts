import { and, asc, notInArray, type SQL } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { subscriptions } from '../../db/schema/index'
import { describeError } from '../../log'
import type { Deps } from '../deps'

export type Sub = typeof subscriptions.$inferSelect
/** Counts a failed step (a row left for the next run). */
type Failures = { errors: number }

const MAX_STEPS_PER_RUN = 100_000
/** Due rows a charging step claims in one statement, then shares among its workers. */
const CLAIM_BATCH = 100

/**
 * Claims due rows one at a time (FOR UPDATE SKIP LOCKED), each handled by `step` in the claim's own
 * transaction, so runs in several processes share the work and never take the same row. A row whose
 * step fails is left for the next run.
 */
export async function eachDue(
  deps: Deps,
  report: Failures,
  due: SQL,
  step: (tx: Tx, sub: Sub) => Promise<void>,
): Promise<void> {
  const failed: string[] = []
  for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
    let claimed: Sub | undefined
    let current: string | undefined
    try {
      claimed = await deps.db.transaction(async (tx) => {
        const [sub] = await claim(tx, due, failed, 1)
        current = sub?.id
        if (sub) await step(tx, sub)
        return sub
      })
    } catch (error) {
      report.errors++
      deps.log.error('lifecycle step failed', { error: describeError(error) })
      // The row this run claimed is left for the next run; a failure before any claim ends the step.
      if (!current) return
      failed.push(current)
      continue
    }
    if (!claimed) return
  }
}

/**
 * A step that charges (a renewal, a trial's end) runs with no transaction and no lock held while the
 * gateway works: the charge path re-checks the row under its lock, and the charge's key names the
 * term, so a second runner that takes the same row meanwhile is answered with the same charge and
 * records nothing. Rows are claimed `CLAIM_BATCH` at a time in one statement (SKIP LOCKED leaves out a
 * row whose change is being recorded right now) and charged by `workers` at once: each worker is one
 * row, one connection at a time. A row the step leaves due (a charge given back, a race lost) or fails
 * on is not taken again this run; one still due after its step (a subscription months behind, renewed
 * term by term) comes back in the next batch, never while its previous term is in flight.
 */
export async function eachDueCharge(
  deps: Deps,
  report: Failures,
  due: SQL,
  charging: (sub: Sub) => Promise<boolean>,
  workers: number,
): Promise<void> {
  const failed: string[] = []
  for (let steps = 0; steps < MAX_STEPS_PER_RUN; ) {
    let batch: Sub[]
    try {
      batch = await claim(deps.db, due, failed, CLAIM_BATCH)
    } catch (error) {
      report.errors++
      deps.log.error('lifecycle step failed', { error: describeError(error) })
      return
    }
    if (batch.length === 0) return
    steps += batch.length
    await inParallel(batch, workers, async (sub) => {
      try {
        if (!(await charging(sub))) failed.push(sub.id)
      } catch (error) {
        report.errors++
        deps.log.error('lifecycle step failed', { error: describeError(error) })
        failed.push(sub.id)
      }
    })
  }
}

function claim(db: Deps['db'] | Tx, due: SQL, failed: string[], limit: number): Promise<Sub[]> {
  return db
    .select()
    .from(subscriptions)
    .where(failed.length ? and(due, notInArray(subscriptions.id, failed)) : due)
    .orderBy(asc(subscriptions.termEnd))
    .limit(limit)
    .for('update', { skipLocked: true })
}

/** Runs `each` over the items, at most `workers` at a time, each worker taking the next item when done. */
async function inParallel<T>(items: T[], workers: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await each(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker))
}
