import { DateRangeFields, ErrorSlot } from '../../components/date-range-fields'
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../../src/i18n/audit-labels'
import { formatDateTime } from '../../../src/i18n/format'
import type { Translate } from '../../../src/i18n/index'
import type { AuditChange } from '../../../src/services/admin/audit-changes'
import {
  type AuditFilter,
  type AuditLog,
  type AuditPerson,
  type AuditRow,
  auditCursorText,
} from '../../../src/services/admin/audit-log'
import { AUDIT_ACTIONS, isAuditAction, isAuditEntityType } from '../../../src/services/audit/audit-actions'
import { AdminNav } from '../../components/admin-nav'
import { DataTable } from '../../components/data-table'
import type { FieldError } from '../../components/error-summary'
import { type Option, SelectField } from '../../components/select-field'
import type { ViewContext } from '../../context'
import { Fragment, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { adminAuditCsvUrl, adminAuditUrl, adminPurchaseUrl } from '../../urls'

export const RESULTS_ID = 'audit-results'
export const ERRORS_ID = 'audit-errors'
export const DATES_ID = 'audit-dates'

export type AuditProps = {
  ctx: ViewContext
  /** The filter as typed: wrong dates are kept so the user can fix them. */
  filter: AuditFilter
  /** The people the "who" filter offers. */
  actors: AuditPerson[]
  errors: FieldError[]
  /** Null when the dates are wrong: nothing is listed. */
  log: AuditLog | null
}

/** An action in words; one the catalog does not know (written by a newer version) by its code. */
export function auditActionText(t: Translate, code: string): string {
  return isAuditAction(code) ? t(AUDIT_ACTION_LABELS[code]) : code
}

export function auditEntityText(t: Translate, code: string): string {
  return isAuditEntityType(code) ? t(AUDIT_ENTITY_LABELS[code]) : code
}

/** What the live region says after a change of filter. */
export function auditShownText(ctx: ViewContext, log: AuditLog): string {
  return ctx.t('audit.shown', { count: log.rows.length })
}

/** "quantity: 5 → 8"; a field only set ("quantity: 8") or only removed ("quantity: 5 → removed"). */
function changeText(t: Translate, c: AuditChange): string {
  if (c.before === null) return t('audit.changeSet', { field: c.field, after: c.after ?? '' })
  if (c.after === null) return t('audit.changeRemoved', { field: c.field, before: c.before })
  return t('audit.change', { field: c.field, before: c.before, after: c.after })
}

/** The changed fields in a disclosure that needs no script (details/summary). */
function ChangesCell(p: { ctx: ViewContext; row: AuditRow }): SafeHtml {
  const { t } = p.ctx
  const changes = p.row.changes
  if (changes.length === 0) return <span class="row-detail">{t('audit.noChanges')}</span>
  return (
    <details class="audit-changes">
      <summary>{t('audit.changes', { count: changes.length })}</summary>
      <ul>
        {changes.map((c) => (
          <li>{changeText(t, c)}</li>
        ))}
      </ul>
    </details>
  )
}

function EntityCell(p: { ctx: ViewContext; row: AuditRow }): SafeHtml {
  const { t, locale } = p.ctx
  const r = p.row
  const name = r.entityName?.[locale]
  return (
    <span>
      {auditEntityText(t, r.entityType)}
      {name ? ' · ' : ''}
      {name && r.entityIsPurchase ? <a href={adminPurchaseUrl(r.entityId)}>{name}</a> : (name ?? '')}
      <span class="row-detail audit-id">{r.entityId}</span>
    </span>
  )
}

/** The page's events (or that none match) and the Newer / Older links: what a change of filter swaps. */
export function AuditResults(p: AuditProps): SafeHtml {
  const { t, locale } = p.ctx
  const log = p.log
  if (!log) return <div id={RESULTS_ID}></div>
  return (
    <div id={RESULTS_ID}>
      <p class="count">{auditShownText(p.ctx, log)}</p>
      {log.rows.length > 0 ? (
        // Here, not above the form: a change of filter swaps this region, and the export follows it.
        <div class="toolbar">
          <a class="button button--secondary" href={adminAuditCsvUrl(p.filter)} download="">
            {t('audit.exportCsv')}
          </a>
          <p class="toolbar__note">{t('audit.exportCsvHint')}</p>
        </div>
      ) : null}
      {log.rows.length === 0 ? (
        <p class="empty">{t('audit.empty')}</p>
      ) : (
        <DataTable
          caption={t('audit.caption')}
          captionHidden
          rows={log.rows}
          rowId={(r) => `audit-${r.id}`}
          columns={[
            {
              header: t('audit.col.when'),
              cell: (r) => <time datetime={r.at.toISOString()}>{formatDateTime(r.at, locale)}</time>,
            },
            {
              header: t('audit.col.who'),
              cell: (r) =>
                r.actor ? (
                  <span>
                    {r.actor.displayName} <span class="row-detail">{r.actor.email}</span>
                  </span>
                ) : (
                  <span>{t('audit.system')}</span>
                ),
            },
            { header: t('audit.col.action'), cell: (r) => auditActionText(t, r.action) },
            { header: t('audit.col.entity'), cell: (r) => <EntityCell ctx={p.ctx} row={r} /> },
            { header: t('audit.col.changes'), cell: (r) => <ChangesCell ctx={p.ctx} row={r} /> },
          ]}
        />
      )}
      <Pages {...p} log={log} />
    </div>
  )
}

/** Newer and older pages, as links (keyset: each names the event it continues from). */
function Pages(p: AuditProps & { log: AuditLog }): SafeHtml {
  const { t } = p.ctx
  const { newer, older } = p.log
  if (!newer && !older) return <span></span>
  return (
    <nav class="pages" aria-label={t('audit.pages')}>
      {newer ? (
        <a href={adminAuditUrl(p.filter, { newer: auditCursorText(newer) })} rel="prev">
          {t('audit.newer')}
        </a>
      ) : null}
      {older ? (
        <a href={adminAuditUrl(p.filter, { older: auditCursorText(older) })} rel="next">
          {t('audit.older')}
        </a>
      ) : null}
    </nav>
  )
}

/** The error summary's slot: htmx replaces it after each change of filter. */
export function AuditErrors(p: { ctx: ViewContext; errors: FieldError[] }): SafeHtml {
  return <ErrorSlot id={ERRORS_ID} ctx={p.ctx} errors={p.errors} />
}

/** The two dates, with their own messages. */
export function AuditDates(p: AuditProps): SafeHtml {
  const { t } = p.ctx
  const labels = { from: t('audit.filter.from'), to: t('audit.filter.to') }
  return <DateRangeFields id={DATES_ID} labels={labels} values={p.filter} errors={p.errors} />
}

function actorOptions(p: AuditProps): Option[] {
  const { t } = p.ctx
  const people = p.actors.map((a) => ({ value: a.id, label: `${a.displayName} (${a.email})` }))
  const chosen = p.filter.actor
  // A bookmark may name someone who no longer appears: keep the choice visible rather than drop it.
  const missing = chosen && chosen !== 'system' && !people.some((o) => o.value === chosen)
  return [
    { value: '', label: t('audit.filter.actor.any') },
    { value: 'system', label: t('audit.filter.actor.system') },
    ...(missing ? [{ value: chosen, label: chosen }] : []),
    ...people,
  ]
}

function actionOptions(p: AuditProps): Option[] {
  const { t, locale } = p.ctx
  const known = AUDIT_ACTIONS.map((a) => ({ value: a, label: auditActionText(t, a) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  )
  const chosen = p.filter.action
  return [
    { value: '', label: t('audit.filter.action.any') },
    ...(chosen && !isAuditAction(chosen) ? [{ value: chosen, label: chosen }] : []),
    ...known,
  ]
}

export function AuditPage(p: AuditProps): string {
  const { t } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: t('audit.title'),
    hasErrors: p.errors.length > 0,
    children: (
      <div>
        <AdminNav ctx={p.ctx} current="audit" />
        <AuditErrors ctx={p.ctx} errors={p.errors} />
        <h1>{t('audit.title')}</h1>
        <p>{t('audit.intro')}</p>
        {/* A GET form: the URL holds the filter (the bookmark, DESIGN §8). With htmx, choosing who or
            what swaps the results at once; dates wait for the button, so a half-typed date is never
            judged. A new filter starts again from the newest event. */}
        <form
          method="get"
          action={adminAuditUrl()}
          class="filters"
          hx-get={adminAuditUrl()}
          hx-trigger="change from:#audit-actor, change from:#audit-action, submit"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-sync="this:replace"
        >
          <fieldset>
            <legend>{t('audit.filter.legend')}</legend>
            <SelectField
              inline
              id="audit-actor"
              name="actor"
              label={t('audit.filter.actor')}
              value={p.filter.actor ?? ''}
              options={actorOptions(p)}
            />
            <SelectField
              inline
              id="audit-action"
              name="action"
              label={t('audit.filter.action')}
              value={p.filter.action ?? ''}
              options={actionOptions(p)}
            />
            <p class="field__hint">{t('audit.filter.hint')}</p>
            <AuditDates {...p} />
            <button type="submit" class="button button--secondary">
              {t('audit.filter.apply')}
            </button>
          </fieldset>
        </form>
        <AuditResults {...p} />
      </div>
    ),
  })
}

/** For htmx, after a change of filter: the results, and the error summary and the dates fresh beside them. */
export function AuditUpdate(p: AuditProps): SafeHtml {
  return (
    <>
      <AuditResults {...p} />
      <hx-partial hx-target={`#${ERRORS_ID}`} hx-swap="outerHTML">
        <AuditErrors ctx={p.ctx} errors={p.errors} />
      </hx-partial>
      <hx-partial hx-target={`#${DATES_ID}`} hx-swap="outerHTML">
        <AuditDates {...p} />
      </hx-partial>
    </>
  )
}
