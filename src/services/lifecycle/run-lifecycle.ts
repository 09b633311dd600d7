import { and, asc, eq, lte, notInArray, sql, type SQL } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { licenseAssignments, notifications, subscriptions } from '../../db/schema/index'
import { DAY_MS } from '../../money/proration'
import { describeError } from '../../log'
import { recordAudit } from '../audit/record-audit'
import type { Deps } from '../deps'
import { chargeTerm } from '../subscriptions/charge-term'

export const EXPIRED_DAYS = 30 // §3: expired → disabled
export const DISABLED_DAYS = 90 // §3: disabled → deleted
export const TRIAL_REMINDER_DAYS = 7 // §9
const MAX_STEPS_PER_RUN = 100_000

type Sub = typeof subscriptions.$inferSelect
export type LifecycleReport = Record<
  'trialsConverted' | 'trialConversionsFailed' | 'trialsExpired' | 'renewed' | 'renewalsFailed' | 'endedAtTermEnd' | 'disabled' | 'deleted' | 'trialReminders' | 'errors',
  number
>

/**
 * The lifecycle job (DESIGN §7): trial ends, renewals (applying scheduled reductions), the end of
 * cancelled terms, expired → disabled → deleted, and trial reminders — as of the clock's "now".
 * Each step is its own transaction on one row claimed with FOR UPDATE SKIP LOCKED, so runs in
 * several processes share the work and never take the same row; every charge's key names its term,
 * so a rerun (after a crash between charge and commit, or as-of a later date) never charges twice.
 * A run catches up: a subscription months behind renews term by term.
 */
export async function runLifecycle(deps: Deps): Promise<LifecycleReport> {
  const report: LifecycleReport = { trialsConverted: 0, trialConversionsFailed: 0, trialsExpired: 0, renewed: 0, renewalsFailed: 0, endedAtTermEnd: 0, disabled: 0, deleted: 0, trialReminders: 0, errors: 0 }
  const now = deps.clock.now()
  const days = (n: number) => new Date(now.getTime() - n * DAY_MS)

  await eachDue(deps, report, and(eq(subscriptions.status, 'trial'), lte(subscriptions.trialEndsAt, now))!, (tx, sub) => endTrial(deps, tx, sub, report))
  await eachDue(deps, report, and(eq(subscriptions.status, 'active'), eq(subscriptions.autoRenew, true), lte(subscriptions.termEnd, now))!, (tx, sub) => renew(deps, tx, sub, report))
  await eachDue(deps, report, and(eq(subscriptions.status, 'active'), eq(subscriptions.autoRenew, false), lte(subscriptions.termEnd, now))!, async (tx, sub) => {
    await moveTo(deps, tx, sub, 'expired', sub.termEnd, 'subscription.expired')
    await notify(tx, sub, 'subscription_expired', now, { date: sub.termEnd.toISOString() })
    report.endedAtTermEnd++
  })
  await eachDue(deps, report, and(eq(subscriptions.status, 'expired'), lte(subscriptions.statusChangedAt, days(EXPIRED_DAYS)))!, async (tx, sub) => {
    await moveTo(deps, tx, sub, 'disabled', new Date(sub.statusChangedAt.getTime() + EXPIRED_DAYS * DAY_MS), 'subscription.disabled')
    report.disabled++
  })
  await eachDue(deps, report, and(eq(subscriptions.status, 'disabled'), lte(subscriptions.statusChangedAt, days(DISABLED_DAYS)))!, async (tx, sub) => {
    // Deleted: its licences are freed (DESIGN §3); the subscription row and its invoices stay.
    await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, sub.id))
    await moveTo(deps, tx, sub, 'deleted', new Date(sub.statusChangedAt.getTime() + DISABLED_DAYS * DAY_MS), 'subscription.deleted')
    report.deleted++
  })
  const reminderDue = and(
    eq(subscriptions.status, 'trial'),
    lte(subscriptions.trialEndsAt, new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS)),
    sql`not exists (select 1 from ${notifications} n where n.subscription_id = ${subscriptions.id} and n.kind = 'trial_ending')`,
  )!
  await eachDue(deps, report, reminderDue, async (tx, sub) => {
    await notify(tx, sub, 'trial_ending', now, { date: (sub.trialEndsAt ?? sub.termEnd).toISOString() })
    report.trialReminders++
  })
  return report
}

/** Claims due rows one at a time (FOR UPDATE SKIP LOCKED), each handled in its own transaction.
 *  A row whose step fails is logged and left for the next run. */
async function eachDue(deps: Deps, report: LifecycleReport, due: SQL, step: (tx: Tx, sub: Sub) => Promise<void>): Promise<void> {
  const failed: string[] = []
  for (let i = 0; i < MAX_STEPS_PER_RUN; i++) {
    let claimed: Sub | undefined
    let current: string | undefined
    try {
      claimed = await deps.db.transaction(async (tx) => {
        const [sub] = await tx
          .select()
          .from(subscriptions)
          .where(failed.length ? and(due, notInArray(subscriptions.id, failed)) : due)
          .orderBy(asc(subscriptions.termEnd))
          .limit(1)
          .for('update', { skipLocked: true })
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

async function endTrial(deps: Deps, tx: Tx, sub: Sub, report: LifecycleReport): Promise<void> {
  const end = sub.trialEndsAt ?? sub.termEnd
  // A trial with a card converts at its end (DESIGN §3); a card-less one, or one cancelled, expires.
  if (!sub.paymentMethodId || !sub.autoRenew) {
    await moveTo(deps, tx, sub, 'expired', end, 'subscription.trial_expired')
    report.trialsExpired++
    return
  }
  const charged = await chargeTerm(deps, tx, sub, { key: `trial-end:${sub.id}`, type: 'convert', quantity: sub.quantity, start: end })
  if (!charged.ok) {
    await moveTo(deps, tx, sub, 'expired', end, 'subscription.trial_conversion_failed', { reason: charged.reason })
    await notify(tx, sub, 'renewal_failed', deps.clock.now(), { reason: charged.reason })
    report.trialConversionsFailed++
    return
  }
  await update(deps, tx, sub, { status: 'active', statusChangedAt: end, termStart: charged.termStart, termEnd: charged.termEnd }, 'subscription.trial_converted', { invoiceId: charged.invoiceId })
  report.trialsConverted++
}

async function renew(deps: Deps, tx: Tx, sub: Sub, report: LifecycleReport): Promise<void> {
  // A scheduled reduction takes effect with the new term (DESIGN §3).
  const quantity = sub.pendingQuantity ?? sub.quantity
  const charged = await chargeTerm(deps, tx, sub, { key: `renew:${sub.id}:${sub.termEnd.toISOString()}`, type: 'renew', quantity, start: sub.termEnd })
  if (!charged.ok) {
    // A failed renewal sends the subscription to expired (DESIGN §7): users keep access meanwhile.
    await moveTo(deps, tx, sub, 'expired', sub.termEnd, 'subscription.renewal_failed', { reason: charged.reason })
    await notify(tx, sub, 'renewal_failed', deps.clock.now(), { reason: charged.reason })
    report.renewalsFailed++
    return
  }
  await update(deps, tx, sub, { termStart: charged.termStart, termEnd: charged.termEnd, quantity, pendingQuantity: null, lastQuantityIncreaseAt: null, lastQuantityIncrease: null }, 'subscription.renewed', { invoiceId: charged.invoiceId })
  report.renewed++
}

async function moveTo(deps: Deps, tx: Tx, sub: Sub, status: Sub['status'], at: Date, action: string, extra: object = {}): Promise<void> {
  await update(deps, tx, sub, { status, statusChangedAt: at }, action, extra)
}

async function update(deps: Deps, tx: Tx, sub: Sub, changes: Partial<Sub>, action: string, extra: object = {}): Promise<void> {
  const now = deps.clock.now()
  const [after] = await tx.update(subscriptions).set({ ...changes, updatedAt: now }).where(eq(subscriptions.id, sub.id)).returning()
  await recordAudit(tx, { orgId: sub.orgId, actorId: null, action, entityType: 'subscription', entityId: sub.id, before: { status: sub.status, termEnd: sub.termEnd, quantity: sub.quantity }, after: { status: after!.status, termEnd: after!.termEnd, quantity: after!.quantity, ...extra }, at: now })
}

async function notify(tx: Tx, sub: Sub, kind: (typeof notifications.kind.enumValues)[number], at: Date, data: Record<string, string>): Promise<void> {
  await tx.insert(notifications).values({ orgId: sub.orgId, userId: sub.purchaserId, kind, subscriptionId: sub.id, data, createdAt: at }).onConflictDoNothing()
}
