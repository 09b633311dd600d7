import { formatDate } from '../../../src/i18n/format'
import { SUPPORT_STATUS_LABELS } from '../../../src/i18n/labels'
import {
  SUPPORT_STATUSES,
  type SupportFilter,
  type SupportRequestList,
  type SupportStatus,
} from '../../../src/services/support/list-support-requests'
import { DataTable, type Column } from '../../components/data-table'
import { SelectField } from '../../components/select-field'
import { paneLink } from '../../components/side-pane'
import { Tabs } from '../../components/tabs'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Pagination } from '../../components/pagination'
import { Layout } from '../../layout'
import { contactSupportUrl, helpUrl, supportRequestsUrl, supportRequestUrl } from '../../urls'

export const SUPPORT_RESULTS_ID = 'support-requests-results'

type Props = { ctx: ViewContext; filter: SupportFilter; list: SupportRequestList; status?: string | undefined }
type Row = SupportRequestList['rows'][number]

/** Open or Resolved, as a badge whose words say it (the colour only repeats them). */
export function SupportStatusBadge(p: { ctx: ViewContext; status: SupportStatus }): SafeHtml {
  return <span class={`badge badge--support-${p.status}`}>{p.ctx.t(SUPPORT_STATUS_LABELS[p.status])}</span>
}

export function supportCountText(ctx: ViewContext, list: SupportRequestList): string {
  return ctx.t('supportRequests.count', { count: list.total })
}

/** The count, the table (or the empty state) and the pages: the part the status filter replaces. */
export function SupportRequestsResults(p: Props): SafeHtml {
  const { t, locale } = p.ctx
  const { list, filter } = p
  const all = filter.scope === 'all'
  const columns: Column<Row>[] = [
    { header: t('supportRequests.col.subject'), cell: (r) => <a href={supportRequestUrl(r.id)}>{r.subject}</a> },
    ...(all
      ? [
          {
            header: t('supportRequests.col.requester'),
            cell: (r: Row) => (
              <span>
                {r.requester.displayName} <span class="row-detail">{r.requester.email}</span>
              </span>
            ),
          },
        ]
      : []),
    { header: t('supportRequests.col.date'), cell: (r) => formatDate(r.createdAt, locale) },
    {
      header: t('supportRequests.col.subscription'),
      cell: (r) => (r.subscription ? r.subscription.productName[locale] : t('supportRequests.none')),
    },
    { header: t('supportRequests.col.status'), cell: (r) => <SupportStatusBadge ctx={p.ctx} status={r.status} /> },
  ]
  return (
    <div id={SUPPORT_RESULTS_ID}>
      <p class="count">{supportCountText(p.ctx, list)}</p>
      {list.rows.length === 0 ? (
        <p class="empty">{t('supportRequests.empty')}</p>
      ) : (
        <DataTable
          caption={t('supportRequests.caption')}
          captionHidden
          rows={list.rows}
          rowId={(r) => `support-request-${r.id}`}
          columns={columns}
        />
      )}
      <Pagination
        ctx={p.ctx}
        label={t('supportRequests.pagination')}
        page={list.page}
        pages={list.pages}
        href={(page) => supportRequestsUrl({ ...filter, all, page })}
      />
    </div>
  )
}

/** The user's support requests, or an admin's view of the organization's (DESIGN §9), by status. */
export function SupportRequestsPage(p: Props): string {
  const { t } = p.ctx
  const f = p.filter
  const all = f.scope === 'all'
  const title = t(all ? 'supportRequests.allTitle' : 'supportRequests.title')
  return Layout({
    ctx: p.ctx,
    title,
    status: p.status,
    children: (
      <div>
        <p>
          <a href={helpUrl()}>{t('supportRequests.backToHelp')}</a>
        </p>
        <h1>{title}</h1>
        {p.ctx.user?.role === 'admin' ? (
          <Tabs
            label={t('supportRequests.tabsLabel')}
            tabs={[
              { href: supportRequestsUrl({ status: f.status }), label: t('supportRequests.tab.own'), current: !all },
              {
                href: supportRequestsUrl({ all: true, status: f.status }),
                label: t('supportRequests.tab.all'),
                current: all,
              },
            ]}
          />
        ) : null}
        <p>
          <a class="button" id="contact-support" {...paneLink(contactSupportUrl())}>
            {t('help.contact.open')}
          </a>
        </p>
        {/* A GET form: the URL holds the filter. htmx replays it on change and swaps only the results. */}
        <form
          method="get"
          action={supportRequestsUrl()}
          class="filters"
          hx-get={supportRequestsUrl()}
          hx-trigger="change, submit"
          hx-target={`#${SUPPORT_RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-sync="this:replace"
        >
          <fieldset>
            <legend>{t('supportRequests.filter.legend')}</legend>
            {all ? <input type="hidden" name="all" value="1" /> : null}
            <SelectField
              inline
              id="filter-status"
              name="status"
              label={t('supportRequests.filter.status')}
              value={f.status}
              options={[
                { value: 'any', label: t('supportRequests.filter.any') },
                ...SUPPORT_STATUSES.map((s) => ({ value: s, label: t(SUPPORT_STATUS_LABELS[s]) })),
              ]}
            />
            <button type="submit" class="button button--secondary">
              {t('products.filter.apply')}
            </button>
          </fieldset>
        </form>
        <SupportRequestsResults {...p} />
      </div>
    ),
  })
}
