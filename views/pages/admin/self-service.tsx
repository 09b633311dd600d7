import { formatDate, formatMoney } from '../../../src/i18n/format'
import { STATUS_LABELS } from '../../../src/i18n/labels'
import {
  ADMIN_STATUSES,
  SELF_SERVICE_SORTS,
  type SelfServiceFilter,
  type SelfServiceList,
  type SelfServiceRow,
} from '../../../src/services/admin/list-self-service'
import { AdminNav } from '../../components/admin-nav'
import { DataTable } from '../../components/data-table'
import { paneLink } from '../../components/side-pane'
import { SelectField } from '../../components/select-field'
import { ProductCell, StatusBadge } from '../../components/subscription-labels'
import { Tabs } from '../../components/tabs'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Pagination } from '../../components/pagination'
import { Layout } from '../../layout'
import {
  adminPurchaseUrl,
  adminSelfServiceCsvUrl,
  adminSelfServiceUrl,
  adminSelfServiceUsersCsvUrl,
  adminTakeOverUrl,
  SUBSCRIPTION_CHANGED,
} from '../../urls'
import { pricePerLicense } from '../products/format'

export const RESULTS_ID = 'self-service-results'

type Props = { ctx: ViewContext; filter: SelfServiceFilter; list: SelfServiceList }

export function selfServiceCountText(ctx: ViewContext, list: SelfServiceList): string {
  return list.more
    ? ctx.t('selfService.countMore', { count: list.total })
    : ctx.t('selfService.count', { count: list.total })
}

/** "€30.00 per month": what one term of all the licences costs. */
export function termTotalText(
  ctx: ViewContext,
  r: Pick<SelfServiceRow, 'termTotal' | 'currency' | 'billingFrequency'>,
) {
  const price = formatMoney(r.termTotal, r.currency, ctx.locale)
  return ctx.t(r.billingFrequency === 'monthly' ? 'selfService.totalPerMonth' : 'selfService.totalPerYear', { price })
}

/** The assigned count, and the holders in a disclosure that needs no script (details/summary). */
function AssignedCell(p: { ctx: ViewContext; row: SelfServiceRow }): SafeHtml {
  const { t } = p.ctx
  const r = p.row
  if (r.assigned === 0) return <span>{t('selfService.assignedNone')}</span>
  return (
    <details class="assigned-users">
      <summary>{t('selfService.assignedCount', { count: r.assigned })}</summary>
      <ul>
        {r.users.map((u) => (
          <li>
            {u.displayName} <span class="row-detail">{u.email}</span>
          </li>
        ))}
      </ul>
      {r.assigned > r.users.length ? (
        <a href={adminPurchaseUrl(r.id)}>{t('selfService.allUsers', { count: r.assigned })}</a>
      ) : null}
    </details>
  )
}

/** "More actions" (⋯) on a row: Take over, in a disclosure that needs no script (details/summary). */
function MoreActions(p: { ctx: ViewContext; row: SelfServiceRow }): SafeHtml {
  const { t, locale } = p.ctx
  const r = p.row
  if (!r.canTakeOver) return <span></span>
  return (
    <details class="more-actions">
      <summary>
        <span aria-hidden="true">⋯</span>
        <span class="visually-hidden">
          {t('more.actions', { product: `${r.productName[locale]} (${r.purchaser.displayName})` })}
        </span>
      </summary>
      <ul>
        <li>
          <a {...paneLink(adminTakeOverUrl(r.id))}>{t('takeOver.open')}</a>
        </li>
      </ul>
    </details>
  )
}

/** The count, the table (or empty state) and the pages: the part a live filter replaces. */
export function SelfServiceResults(p: Props): SafeHtml {
  const { t, locale } = p.ctx
  const { list, filter } = p
  return (
    // After a take-over from a row's ⋯, htmx fetches this page again and keeps only this region.
    <div
      id={RESULTS_ID}
      hx-get={adminSelfServiceUrl(filter)}
      hx-trigger={`${SUBSCRIPTION_CHANGED} from:body`}
      hx-select={`#${RESULTS_ID}`}
      hx-swap="outerHTML"
    >
      <p class="count">{selfServiceCountText(p.ctx, list)}</p>
      {/* In the results, so a live filter change updates what the exports hold too. */}
      {list.total > 0 ? (
        <ul class="actions">
          <li>
            <a href={adminSelfServiceCsvUrl(filter)} download>
              {t(filter.tab === 'trials' ? 'selfService.exportTrials' : 'selfService.exportPurchases')}
            </a>
          </li>
          <li>
            <a href={adminSelfServiceUsersCsvUrl(filter)} download>
              {t('selfService.exportUsers')}
            </a>
          </li>
        </ul>
      ) : null}
      {list.rows.length === 0 ? (
        <p class="empty">{t('selfService.empty')}</p>
      ) : (
        <DataTable
          caption={t(filter.tab === 'trials' ? 'selfService.captionTrials' : 'selfService.caption')}
          captionHidden
          rows={list.rows}
          rowId={(r) => `purchase-${r.id}`}
          columns={[
            {
              header: t('selfService.col.product'),
              cell: (r) => <ProductCell ctx={p.ctx} href={adminPurchaseUrl(r.id)} sub={r} />,
            },
            {
              header: t('selfService.col.purchaser'),
              cell: (r) => (
                <span>
                  {r.purchaser.displayName} <span class="row-detail">{r.purchaser.email}</span>
                </span>
              ),
            },
            { header: t('selfService.col.licenses'), cell: (r) => String(r.quantity), numeric: true },
            { header: t('selfService.col.assigned'), cell: (r) => <AssignedCell ctx={p.ctx} row={r} /> },
            { header: t('selfService.col.status'), cell: (r) => <StatusBadge ctx={p.ctx} status={r.status} /> },
            { header: t('selfService.col.expires'), cell: (r) => formatDate(r.expiresAt, locale) },
            {
              header: t('selfService.col.price'),
              cell: (r) => (
                <span>
                  {pricePerLicense(t, locale, r)} <span class="row-detail">{termTotalText(p.ctx, r)}</span>
                </span>
              ),
            },
            { header: t('more.column'), cell: (r) => <MoreActions ctx={p.ctx} row={r} /> },
          ]}
        />
      )}
      <Pagination
        ctx={p.ctx}
        label={t('selfService.pagination')}
        page={list.page}
        pages={list.pages}
        more={list.more}
        href={(page) => adminSelfServiceUrl({ ...filter, page })}
      />
    </div>
  )
}

export function SelfServicePage(p: Props): string {
  const { t, locale } = p.ctx
  const f = p.filter
  const statuses = ADMIN_STATUSES.filter((s) => (f.tab === 'trials' ? s !== 'active' : s !== 'trial'))
  return Layout({
    ctx: p.ctx,
    title: t('selfService.title'),
    children: (
      <div>
        <AdminNav ctx={p.ctx} current="self-service" />
        <h1>{t('selfService.title')}</h1>
        <p>{t('selfService.intro')}</p>
        <Tabs
          label={t('selfService.tabsLabel')}
          tabs={[
            {
              href: adminSelfServiceUrl({ ...f, tab: 'purchases', status: 'any', page: 1 }),
              label: t('selfService.tab.purchases'),
              current: f.tab === 'purchases',
            },
            {
              href: adminSelfServiceUrl({ ...f, tab: 'trials', status: 'any', page: 1 }),
              label: t('selfService.tab.trials'),
              current: f.tab === 'trials',
            },
          ]}
        />
        {/* A GET form: the URL holds the filter (the bookmark, DESIGN §8). htmx replays the same GET
            and swaps only the results; without JS the button submits it. A new filter starts at page 1. */}
        <form
          method="get"
          action={adminSelfServiceUrl()}
          class="filters"
          hx-get={adminSelfServiceUrl()}
          hx-trigger="change, submit, input changed delay:400ms from:#filter-q"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-sync="this:replace"
        >
          <fieldset>
            <legend>{t('selfService.filter.legend')}</legend>
            {f.tab !== 'purchases' ? <input type="hidden" name="tab" value={f.tab} /> : null}
            <SelectField
              inline
              id="filter-product"
              name="product"
              label={t('selfService.filter.product')}
              value={f.product ?? ''}
              options={[
                { value: '', label: t('selfService.filter.product.any') },
                ...p.list.products
                  .map((x) => ({ value: x.id, label: x.name[locale] }))
                  .sort((a, b) => a.label.localeCompare(b.label, locale)),
              ]}
            />
            <TextField id="filter-q" name="q" type="search" label={t('selfService.filter.q')} value={f.q} />
            <SelectField
              inline
              id="filter-status"
              name="status"
              label={t('selfService.filter.status')}
              value={f.status}
              options={[
                { value: 'any', label: t('products.filter.status.any') },
                ...statuses.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) })),
              ]}
            />
            <SelectField
              inline
              id="filter-sort"
              name="sort"
              label={t('selfService.filter.sort')}
              value={f.sort}
              options={SELF_SERVICE_SORTS.map((s) => ({ value: s, label: t(`selfService.sort.${s}`) }))}
            />
            <button type="submit" class="button button--secondary">
              {t('products.filter.apply')}
            </button>
          </fieldset>
        </form>
        <SelfServiceResults {...p} />
      </div>
    ),
  })
}
