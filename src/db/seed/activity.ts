import type { auditEvents, invoices, notifications, policies } from '../schema/index'
import { TRIAL_REMINDER_DAYS } from '../../rules'
import { productOf, type Catalog } from './catalog'
import type { OrgScenario } from './scenario'
import { addDays, type Milestone, type Timeline } from './timeline'

type AuditRow = typeof auditEvents.$inferInsert
type NotificationRow = typeof notifications.$inferInsert
type PolicyRow = typeof policies.$inferInsert
type InvoiceRow = typeof invoices.$inferInsert

/** The audit trail of one subscription (DESIGN §8): the purchaser's actions, and the lifecycle
 *  job's (no actor) for what happened by date. */
export function subscriptionAudit(
  orgId: string,
  actorId: string,
  subscriptionId: string,
  milestones: Milestone[],
): AuditRow[] {
  return milestones.map((m) => ({
    orgId,
    actorId: m.system ? null : actorId,
    action: m.action,
    entityType: 'subscription',
    entityId: subscriptionId,
    before: m.before,
    after: m.after,
    at: m.at,
  }))
}

/** The admin's per-product settings; every other product stays `allowed` by having no row (§2). */
export function policyRows(
  orgId: string,
  adminId: string,
  catalog: Catalog,
  now: Date,
  settings: OrgScenario['policies'],
): { policies: PolicyRow[]; audit: AuditRow[] } {
  const rows = settings.map((s) => ({
    orgId,
    productId: productOf(catalog, s.product).id,
    setting: s.setting,
    updatedAt: addDays(now, -s.daysAgo),
    updatedBy: adminId,
  }))
  const audit = rows.map((p) => ({
    orgId,
    actorId: adminId,
    action: 'policy.changed',
    entityType: 'product',
    entityId: p.productId,
    before: { setting: 'allowed' },
    after: { setting: p.setting },
    at: p.updatedAt,
  }))
  return { policies: rows, audit }
}

export type OwnedSubscription = { id: string; timeline: Timeline }

/** What the purchaser's bell shows (§9): the last invoice, trials about to end, expiries. Older
 *  news is marked read, so the demo has both read and unread notifications. */
export function purchaserNotifications(
  orgId: string,
  userId: string,
  now: Date,
  owned: OwnedSubscription[],
  lastInvoice: InvoiceRow | undefined,
): NotificationRow[] {
  const rows: NotificationRow[] = []
  if (lastInvoice?.id) {
    rows.push({
      orgId,
      userId,
      kind: 'invoice_issued',
      subscriptionId: lastInvoice.subscriptionId ?? null,
      // As issueInvoice writes it: the page reads the kind, number and amount from the invoice.
      data: { invoiceId: lastInvoice.id, number: lastInvoice.number },
      createdAt: lastInvoice.issuedAt,
    })
  }
  for (const { id, timeline: t } of owned) {
    const noticeAt = t.trialEndsAt && addDays(t.trialEndsAt, -TRIAL_REMINDER_DAYS)
    if (t.status === 'trial' && t.trialEndsAt && noticeAt && noticeAt <= now) {
      // As the lifecycle job writes it (run-lifecycle.ts): the date the page shows is `date`.
      const data = { date: t.trialEndsAt.toISOString() }
      rows.push({ orgId, userId, kind: 'trial_ending', subscriptionId: id, data, createdAt: noticeAt })
    }
    if (t.status === 'expired') {
      const readAt = addDays(t.statusChangedAt, 1)
      rows.push({
        orgId,
        userId,
        kind: 'subscription_expired',
        subscriptionId: id,
        data: { date: t.statusChangedAt.toISOString() },
        createdAt: t.statusChangedAt,
        readAt: readAt <= now ? readAt : null,
      })
    }
  }
  return rows
}
