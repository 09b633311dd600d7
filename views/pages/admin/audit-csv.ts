import type { AuditRow } from '../../../src/services/admin/audit-log'
import type { ViewContext } from '../../context'
import { CSV_BOM, csvLine } from '../../csv'

// Admin → Audit log → Export CSV (DESIGN §8): every event of the filter, one line each, headers in the
// admin's language. The time is ISO 8601 in UTC and the action and entity are their codes, so a
// spreadsheet sorts and filters them the same in any language; before and after are the event's JSON.
// Every text cell goes through csvLine's formula guard: people type their own names.

const json = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value))

export async function* auditCsv(ctx: ViewContext, batches: AsyncIterable<AuditRow[]>): AsyncGenerator<string> {
  const { t } = ctx
  yield CSV_BOM +
    csvLine([
      t('audit.csv.when'),
      t('audit.csv.who'),
      t('audit.csv.email'),
      t('audit.csv.action'),
      t('audit.csv.entityType'),
      t('audit.csv.entityId'),
      t('audit.csv.before'),
      t('audit.csv.after'),
    ])
  for await (const rows of batches)
    yield rows
      .map((r) =>
        csvLine([
          r.at.toISOString(),
          r.actor ? r.actor.displayName : t('audit.system'),
          r.actor?.email ?? '',
          r.action,
          r.entityType,
          r.entityId,
          json(r.before),
          json(r.after),
        ]),
      )
      .join('')
}
