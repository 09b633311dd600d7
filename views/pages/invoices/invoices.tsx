import { DateRangeFields, ErrorSlot } from '../../components/date-range-fields'
import { formatDate, formatMoney } from '../../../src/i18n/format'
import { INVOICE_STATUS_LABELS, INVOICE_TYPE_LABELS } from '../../../src/i18n/labels'
import type { InvoiceRange } from '../../../src/services/invoices/invoice-range'
import { cursorText, type InvoiceList, type InvoiceRow } from '../../../src/services/invoices/list-invoices'
import { INVOICE_RANGE_MAX_MONTHS } from '../../../src/rules'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import type { FieldError } from '../../components/error-summary'
import { RadioGroup } from '../../components/radio-group'
import { Fragment, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { invoicesCsvUrl, invoicesUrl, invoiceUrl } from '../../urls'
import { BillsTabs } from '../payment-methods/payment-methods'
import { dayText, documentTitle, rangeText } from './format'

export const RESULTS_ID = 'invoices-results'
export const ERRORS_ID = 'invoices-errors'
export const DATES_ID = 'invoices-dates'

export type InvoicesProps = {
  ctx: ViewContext
  range: InvoiceRange
  /** The dates as typed, kept when they are wrong. */
  typed: { from: string; to: string }
  errors: FieldError[]
  /** Null when the range is invalid: nothing is listed. */
  list: InvoiceList | null
}

const RANGE_CHOICES = ['past3', 'past6', 'custom'] as const

/** The count the live region says after a change (and the list's first line). */
export function invoicesCountText(ctx: ViewContext, list: InvoiceList): string {
  return ctx.t('invoices.count', { count: list.rows.length })
}

/** The range's rows (or what an empty range offers instead) and the pages: what a change of range swaps. */
export function InvoicesResults(p: InvoicesProps): SafeHtml {
  const { t, locale } = p.ctx
  const list = p.list
  if (!list) return <div id={RESULTS_ID}></div>
  return (
    <div id={RESULTS_ID}>
      <p class="count">{`${rangeText(t, locale, p.range)} · ${invoicesCountText(p.ctx, list)}`}</p>
      {list.rows.length > 0 ? (
        // Here, not above the form: a change of range swaps this region, and the export follows it.
        <div class="toolbar no-print">
          <a class="button button--secondary" href={invoicesCsvUrl(p.range)} download="">
            {t('invoices.exportCsv')}
          </a>
          <p class="toolbar__note">{t('invoices.exportCsvHint')}</p>
        </div>
      ) : null}
      {list.rows.length === 0 ? (
        <Empty {...p} list={list} />
      ) : (
        <DataTable
          caption={t('invoices.caption')}
          captionHidden
          rows={list.rows}
          rowId={(r) => `invoice-${r.id}`}
          columns={[
            {
              header: t('invoices.col.number'),
              // The number alone is not unique (each profile counts its own): the link says the kind too.
              cell: (r) => <a href={invoiceUrl(r.id)}>{documentTitle(t, r)}</a>,
            },
            {
              header: t('invoices.col.date'),
              cell: (r) => <time datetime={r.issuedAt.toISOString()}>{formatDate(r.issuedAt, locale)}</time>,
            },
            { header: t('invoices.col.profile'), cell: (r) => r.profileName },
            { header: t('invoices.col.type'), cell: (r) => t(INVOICE_TYPE_LABELS[r.type]) },
            { header: t('invoices.col.total'), cell: (r) => formatMoney(r.total, r.currency, locale), numeric: true },
            { header: t('invoices.col.status'), cell: (r) => <InvoiceStatusBadge ctx={p.ctx} row={r} /> },
          ]}
        />
      )}
      <Pages {...p} list={list} />
    </div>
  )
}

export function InvoiceStatusBadge(p: { ctx: ViewContext; row: Pick<InvoiceRow, 'status'> }): SafeHtml {
  return <span class={`badge badge--invoice-${p.row.status}`}>{p.ctx.t(INVOICE_STATUS_LABELS[p.row.status])}</span>
}

/** An empty range says so and offers the ranges that look further back (DESIGN §6). */
function Empty(p: InvoicesProps & { list: InvoiceList }): SafeHtml {
  const { t, locale } = p.ctx
  const r = p.range
  const text =
    r.kind === 'custom'
      ? t('invoices.empty.custom', { from: dayText(r.from, locale), to: dayText(r.to, locale) })
      : t(`invoices.empty.${r.kind}`)
  return (
    <div class="empty">
      <p>{text}</p>
      {p.list.wider.length > 0 ? (
        <p>
          {`${t('invoices.empty.wider')} `}
          {p.list.wider.map((w, i) => [
            i > 0 ? ' · ' : '',
            <a href={invoicesUrl(w.range)}>{t(`invoices.range.${w.label}`)}</a>,
          ])}
        </p>
      ) : null}
    </div>
  )
}

/** Newer and older pages, as links (keyset: each names the row it continues from). */
function Pages(p: InvoicesProps & { list: InvoiceList }): SafeHtml {
  const { t } = p.ctx
  const { newer, older } = p.list
  if (!newer && !older) return <span></span>
  return (
    <nav class="pages" aria-label={t('invoices.pages')}>
      {newer ? <a href={invoicesUrl(p.range, { newer: cursorText(newer) })}>{t('invoices.newer')}</a> : null}
      {older ? <a href={invoicesUrl(p.range, { older: cursorText(older) })}>{t('invoices.older')}</a> : null}
    </nav>
  )
}

/** The error summary's slot: htmx replaces it after each change of range. */
export function InvoicesErrors(p: { ctx: ViewContext; errors: FieldError[] }): SafeHtml {
  return <ErrorSlot id={ERRORS_ID} ctx={p.ctx} errors={p.errors} />
}

/** The two dates of "Specify a date range", with their own messages. */
export function RangeDates(p: InvoicesProps): SafeHtml {
  const { t } = p.ctx
  const labels = { from: t('invoices.range.from'), to: t('invoices.range.to') }
  return <DateRangeFields id={DATES_ID} labels={labels} values={p.typed} errors={p.errors} />
}

export function InvoicesPage(p: InvoicesProps): string {
  const { t } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: `${t('bills.tab.invoices')} – ${t('bills.title')}`,
    hasErrors: p.errors.length > 0,
    children: (
      <div>
        <h1>{t('bills.title')}</h1>
        <BillsTabs ctx={p.ctx} current="invoices" />
        <h2 class="visually-hidden">{t('bills.tab.invoices')}</h2>
        <InvoicesErrors ctx={p.ctx} errors={p.errors} />
        <p>{t('invoices.intro')}</p>
        {/* A GET form: the URL holds the range (bookmarkable). With htmx, choosing Past 3 or 6 months
            swaps the results at once; a date range waits for its button, so half-typed dates are
            never judged. Focus stays on the radio the user is operating. */}
        <form
          method="get"
          action={invoicesUrl()}
          class="filters no-print"
          hx-get={invoicesUrl()}
          hx-trigger="change from:#range-0, change from:#range-1, submit"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <RadioGroup
            id="range"
            name="range"
            legend={t('invoices.range.legend')}
            value={p.range.kind}
            options={RANGE_CHOICES.map((c) => ({ value: c, label: t(`invoices.range.${c}`) }))}
          />
          <p class="field__hint">{t('invoices.range.hint', { months: INVOICE_RANGE_MAX_MONTHS })}</p>
          <RangeDates {...p} />
          <button type="submit" class="button button--secondary">
            {t('invoices.range.apply')}
          </button>
        </form>
        <InvoicesResults {...p} />
      </div>
    ),
  })
}

/** For htmx, after a change of range: the results, and the error summary and the dates fresh beside them
 *  (the radios are left alone, so focus stays where the user is). */
export function InvoicesUpdate(p: InvoicesProps): SafeHtml {
  return (
    <>
      <InvoicesResults {...p} />
      <hx-partial hx-target={`#${ERRORS_ID}`} hx-swap="outerHTML">
        <InvoicesErrors ctx={p.ctx} errors={p.errors} />
      </hx-partial>
      <hx-partial hx-target={`#${DATES_ID}`} hx-swap="outerHTML">
        <RangeDates {...p} />
      </hx-partial>
    </>
  )
}
