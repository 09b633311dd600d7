import { and, eq, lte, sql } from 'drizzle-orm'
import { jobWorkers, type Tx } from '../../db/client'
import { licenseAssignments, notifications, subscriptions } from '../../db/schema/index'
import { DAY_MS } from '../../money/proration'
import { DISABLED_DAYS, EXPIRED_DAYS, TRIAL_REMINDER_DAYS } from '../../rules'
import { auditInsert } from '../audit/record-audit'
import type { Deps } from '../deps'
import { reconcileCharges } from '../charges/reconcile-charges'
import { deliverInvoiceEmails } from '../invoices/deliver-invoice-emails'
import { chargeTerm, firstPaidTermKey, isPaymentFailure } from '../subscriptions/charge-term'
import { licensesAtRenewal } from '../subscriptions/subscription-rules'
import { eachDue, eachDueCharge, type Sub } from './each-due'

export type LifecycleReport = Record<
  | 'trialsConverted'
  | 'trialConversionsFailed'
  | 'trialsExpired'
  | 'renewed'
  | 'renewalsFailed'
  | 'endedAtTermEnd'
  | 'disabled'
  | 'deleted'
  | 'trialReminders'
  | 'chargesRefunded'
  | 'chargesClosed'
  | 'invoiceEmailsSent'
  | 'invoiceEmailsRetried'
  | 'invoiceEmailsFailed'
  | 'errors',
  number
>

/**
 * The lifecycle job (DESIGN §7): trial ends, renewals (applying scheduled reductions), the end of
 * cancelled terms, expired → disabled → deleted, trial reminders, then the invoice emails of the outbox
 * (when the deps have a mailer) — as of the clock's "now".
 * Each step is its own transaction on one row claimed with FOR UPDATE SKIP LOCKED, so runs in
 * several processes share the work and never take the same row; renewals and trial ends charge
 * `workers` rows at once (default: `jobWorkers`, a few of the pool on PostgreSQL, one on the embedded
 * database), each with no lock held while the gateway works. Every charge's key names its term, so a
 * rerun (after a crash between charge and commit, or as-of a later date) never charges twice.
 * A run catches up: a subscription months behind renews term by term.
 */
export async function runLifecycle(deps: Deps, o: { workers?: number } = {}): Promise<LifecycleReport> {
  const report: LifecycleReport = {
    trialsConverted: 0,
    trialConversionsFailed: 0,
    trialsExpired: 0,
    renewed: 0,
    renewalsFailed: 0,
    endedAtTermEnd: 0,
    disabled: 0,
    deleted: 0,
    trialReminders: 0,
    chargesRefunded: 0,
    chargesClosed: 0,
    invoiceEmailsSent: 0,
    invoiceEmailsRetried: 0,
    invoiceEmailsFailed: 0,
    errors: 0,
  }
  const now = deps.clock.now()
  const days = (n: number) => new Date(now.getTime() - n * DAY_MS)
  const workers = o.workers ?? jobWorkers(deps.db)

  // First the reconciler: charges that lost their request are settled before any new one is made.
  const settled = await reconcileCharges(deps)
  report.chargesRefunded = settled.refunded
  report.chargesClosed = settled.declined + settled.abandoned
  report.errors += settled.errors

  const trialEnded = and(eq(subscriptions.status, 'trial'), lte(subscriptions.trialEndsAt, now))!
  await eachDueCharge(deps, report, trialEnded, (sub) => endTrial(deps, sub, report), workers)
  const renewalDue = and(
    eq(subscriptions.status, 'active'),
    eq(subscriptions.autoRenew, true),
    lte(subscriptions.termEnd, now),
  )!
  await eachDueCharge(deps, report, renewalDue, (sub) => renew(deps, sub, report), workers)
  await eachDue(
    deps,
    report,
    and(eq(subscriptions.status, 'active'), eq(subscriptions.autoRenew, false), lte(subscriptions.termEnd, now))!,
    async (tx, sub) => {
      await moveTo(deps, tx, sub, 'expired', sub.termEnd, 'subscription.expired')
      await notify(tx, sub, 'subscription_expired', now, { date: sub.termEnd.toISOString() })
      report.endedAtTermEnd++
    },
  )
  await eachDue(
    deps,
    report,
    and(eq(subscriptions.status, 'expired'), lte(subscriptions.statusChangedAt, days(EXPIRED_DAYS)))!,
    async (tx, sub) => {
      await moveTo(
        deps,
        tx,
        sub,
        'disabled',
        new Date(sub.statusChangedAt.getTime() + EXPIRED_DAYS * DAY_MS),
        'subscription.disabled',
      )
      report.disabled++
    },
  )
  await eachDue(
    deps,
    report,
    and(eq(subscriptions.status, 'disabled'), lte(subscriptions.statusChangedAt, days(DISABLED_DAYS)))!,
    async (tx, sub) => {
      // Deleted: its licences are freed (DESIGN §3); the subscription row and its invoices stay.
      await tx.delete(licenseAssignments).where(eq(licenseAssignments.subscriptionId, sub.id))
      await moveTo(
        deps,
        tx,
        sub,
        'deleted',
        new Date(sub.statusChangedAt.getTime() + DISABLED_DAYS * DAY_MS),
        'subscription.deleted',
      )
      report.deleted++
    },
  )
  const reminderDue = and(
    eq(subscriptions.status, 'trial'),
    lte(subscriptions.trialEndsAt, new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS)),
    sql`not exists (select 1 from ${notifications} n
      where n.subscription_id = ${subscriptions.id} and n.kind = 'trial_ending')`,
  )!
  await eachDue(deps, report, reminderDue, async (tx, sub) => {
    await notify(tx, sub, 'trial_ending', now, { date: (sub.trialEndsAt ?? sub.termEnd).toISOString() })
    report.trialReminders++
  })

  // Last, the invoice emails: those of the invoices this run issued (renewals, conversions) go out too.
  if (deps.mailer) {
    const emails = await deliverInvoiceEmails(deps, deps.mailer)
    report.invoiceEmailsSent = emails.sent
    report.invoiceEmailsRetried = emails.retried
    report.invoiceEmailsFailed = emails.failed
  }
  return report
}

async function endTrial(deps: Deps, sub: Sub, report: LifecycleReport): Promise<boolean> {
  const end = sub.trialEndsAt ?? sub.termEnd
  // A trial with a card converts at its end (DESIGN §3); a card-less one, or one cancelled, expires.
  if (!sub.paymentMethodId || !sub.autoRenew) {
    const expired = await underLock(deps, sub, (tx, locked) =>
      moveTo(deps, tx, locked, 'expired', end, 'subscription.trial_expired'),
    )
    if (expired) report.trialsExpired++
    return expired
  }
  const charged = await chargeTerm(deps, sub, {
    keyPrefix: firstPaidTermKey(sub.id),
    type: 'convert',
    quantity: sub.quantity,
    start: end,
    unchanged: (l) => l.status === 'trial' && l.autoRenew && sameRow(l, sub),
    apply: async (tx, locked, term) => {
      const changes = {
        status: 'active' as const,
        statusChangedAt: end,
        termStart: term.termStart,
        termEnd: term.termEnd,
      }
      await update(deps, tx, locked, changes, 'subscription.trial_converted', { invoiceId: term.invoiceId })
    },
  })
  if (charged.ok) {
    report.trialsConverted++
    return true
  }
  if (!isPaymentFailure(charged.reason)) return false
  const failed = await underLock(deps, sub, async (tx, locked) => {
    await moveTo(deps, tx, locked, 'expired', end, 'subscription.trial_conversion_failed', { reason: charged.reason })
    // The notice names the trial's end and tells a conversion from a renewal (type, as on invoices).
    const data = { reason: charged.reason, type: 'convert', date: end.toISOString() }
    await notify(tx, locked, 'renewal_failed', deps.clock.now(), data)
  })
  if (failed) report.trialConversionsFailed++
  return failed
}

async function renew(deps: Deps, sub: Sub, report: LifecycleReport): Promise<boolean> {
  const quantity = licensesAtRenewal(sub)
  const charged = await chargeTerm(deps, sub, {
    keyPrefix: `renew:${sub.id}:${sub.termEnd.toISOString()}:`,
    type: 'renew',
    quantity,
    start: sub.termEnd,
    // Also unchanged in count and pending change: a licence change that committed while this
    // charge was in flight must not be overwritten by the renewal priced before it.
    unchanged: (l) => l.status === 'active' && l.autoRenew && sameRow(l, sub),
    apply: async (tx, locked, term) => {
      const changes = {
        termStart: term.termStart,
        termEnd: term.termEnd,
        quantity,
        pendingQuantity: null,
        lastQuantityIncreaseAt: null,
        lastQuantityIncrease: null,
      }
      await update(deps, tx, locked, changes, 'subscription.renewed', { invoiceId: term.invoiceId })
    },
  })
  if (charged.ok) {
    report.renewed++
    return true
  }
  if (!isPaymentFailure(charged.reason)) return false
  // A failed renewal sends the subscription to expired (DESIGN §7): users keep access meanwhile.
  const failed = await underLock(deps, sub, async (tx, locked) => {
    await moveTo(deps, tx, locked, 'expired', sub.termEnd, 'subscription.renewal_failed', { reason: charged.reason })
    const data = { reason: charged.reason, type: 'renew', date: sub.termEnd.toISOString() }
    await notify(tx, locked, 'renewal_failed', deps.clock.now(), data)
  })
  if (failed) report.renewalsFailed++
  return failed
}

/** The row as it was when claimed: nothing (a licence change, a cancellation) touched it since. */
function sameRow(locked: Sub, claimed: Sub): boolean {
  return (
    locked.updatedAt.getTime() === claimed.updatedAt.getTime() &&
    locked.termEnd.getTime() === claimed.termEnd.getTime() &&
    locked.quantity === claimed.quantity &&
    locked.pendingQuantity === claimed.pendingQuantity
  )
}

/** Runs `change` on the row under its lock if it is still as it was when claimed; true if it ran. */
async function underLock(deps: Deps, sub: Sub, change: (tx: Tx, locked: Sub) => Promise<void>): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const [locked] = await tx.select().from(subscriptions).where(eq(subscriptions.id, sub.id)).for('update')
    if (!locked || locked.updatedAt.getTime() !== sub.updatedAt.getTime() || locked.status !== sub.status) return false
    await change(tx, locked)
    return true
  })
}

async function moveTo(
  deps: Deps,
  tx: Tx,
  sub: Sub,
  status: Sub['status'],
  at: Date,
  action: string,
  extra: object = {},
): Promise<void> {
  await update(deps, tx, sub, { status, statusChangedAt: at }, action, extra)
}

async function update(
  deps: Deps,
  tx: Tx,
  sub: Sub,
  changes: Partial<Sub>,
  action: string,
  extra: object = {},
): Promise<void> {
  const now = deps.clock.now()
  // `sub` is the row under its lock, so the row after the update is `sub` with the changes.
  const after = { ...sub, ...changes }
  const audited = tx.$with('audited').as(
    auditInsert(tx, {
      orgId: sub.orgId,
      actorId: null,
      action,
      entityType: 'subscription',
      entityId: sub.id,
      before: { status: sub.status, termEnd: sub.termEnd, quantity: sub.quantity },
      after: { status: after.status, termEnd: after.termEnd, quantity: after.quantity, ...extra },
      at: now,
    }),
  )
  // One statement: the change and its audit event.
  await tx
    .with(audited)
    .update(subscriptions)
    .set({ ...changes, updatedAt: now })
    .where(eq(subscriptions.id, sub.id))
}

async function notify(
  tx: Tx,
  sub: Sub,
  kind: (typeof notifications.kind.enumValues)[number],
  at: Date,
  data: Record<string, string>,
): Promise<void> {
  await tx
    .insert(notifications)
    .values({ orgId: sub.orgId, userId: sub.purchaserId, kind, subscriptionId: sub.id, data, createdAt: at })
    .onConflictDoNothing()
}
