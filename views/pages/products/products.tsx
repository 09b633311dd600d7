import type {
  ProductsFilter,
  YourProductRow,
  YourProductsPage,
} from '../../../src/services/subscriptions/list-your-products'
import { LISTED_STATUSES } from '../../../src/services/subscriptions/list-your-products'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { SelectField } from '../../components/select-field'
import { Tabs } from '../../components/tabs'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { RegionTip } from '../../components/region-tip'
import { keyDate, pricePerLicense } from './format'
import { SUBSCRIPTION_CHANGED, cancelUrl, productsUrl, purchaseUrl, subscriptionUrl } from '../../urls'
import { paneLink } from '../../components/side-pane'
import { Pagination } from '../../components/pagination'
import { ProductCell, StatusBadge } from '../../components/subscription-labels'
import { STATUS_LABELS } from '../../../src/i18n/labels'

export const RESULTS_ID = 'products-results'

function countText(ctx: ViewContext, n: number): string {
  return ctx.t('products.count', { count: n })
}

/** The table (or empty state): the part a live filter replaces. */
export function ProductsResults(p: { ctx: ViewContext; filter: ProductsFilter; list: YourProductsPage }): SafeHtml {
  const { t, locale } = p.ctx
  const { rows } = p.list
  return (
    // After a change made in a pane opened here (Cancel from ⋯), htmx fetches this page again and
    // keeps only this region: the rows are fresh and the live region keeps saying what was done.
    <div
      id={RESULTS_ID}
      hx-get={productsUrl(p.filter, p.list.page)}
      hx-trigger={`${SUBSCRIPTION_CHANGED} from:body`}
      hx-select={`#${RESULTS_ID}`}
      hx-swap="outerHTML"
    >
      <p class="count">{countText(p.ctx, p.list.total)}</p>
      {rows.length === 0 ? (
        <p class="empty">
          {t(p.filter.tab === 'trials' ? 'products.emptyTrials' : 'products.empty')}{' '}
          {p.ctx.user?.kind === 'member' ? <a href={purchaseUrl()}>{t('products.emptyLink')}</a> : null}
        </p>
      ) : (
        <DataTable
          caption={t('products.caption')}
          captionHidden
          rows={rows}
          rowId={(r) => `subscription-${r.id}`}
          columns={[
            {
              header: t('products.col.product'),
              cell: (r) => <ProductCell ctx={p.ctx} href={subscriptionUrl(r.id)} sub={r} />,
            },
            {
              header: t('products.col.licenses'),
              cell: (r) => t('products.licensesValue', { assigned: r.assigned, total: r.quantity }),
            },
            {
              header: t('products.col.status'),
              cell: (r) => <StatusBadge ctx={p.ctx} status={r.status} />,
            },
            { header: t('products.col.date'), cell: (r) => keyDate(t, locale, r) },
            { header: t('products.col.price'), cell: (r) => pricePerLicense(t, locale, r) },
            { header: t('more.column'), cell: (r) => <MoreActions ctx={p.ctx} row={r} /> },
          ]}
        />
      )}
      <Pagination
        ctx={p.ctx}
        label={t('products.pagination')}
        page={p.list.page}
        pages={p.list.pages}
        href={(page) => productsUrl(p.filter, page)}
      />
    </div>
  )
}

/** With htmx, a filter change swaps the results and announces this count in the live region.
 *  Focus stays on the filter the user is operating. */
export function productsCountText(ctx: ViewContext, list: YourProductsPage): string {
  return countText(ctx, list.total)
}

export function ProductsPage(p: { ctx: ViewContext; filter: ProductsFilter; list: YourProductsPage }): string {
  const { t } = p.ctx
  const f = p.filter
  const statuses =
    f.tab === 'trials'
      ? LISTED_STATUSES.filter((s) => s !== 'active' && s !== 'disabled')
      : LISTED_STATUSES.filter((s) => s !== 'trial')
  return Layout({
    ctx: p.ctx,
    title: t('products.title'),
    children: (
      <div>
        <h1>{t('products.title')}</h1>
        <RegionTip ctx={p.ctx} />
        <Tabs
          label={t('products.tabsLabel')}
          tabs={[
            {
              href: productsUrl({ ...f, tab: 'products', status: 'any' }),
              label: t('products.tab.products'),
              current: f.tab === 'products',
            },
            {
              href: productsUrl({ ...f, tab: 'trials', status: 'any' }),
              label: t('products.tab.trials'),
              current: f.tab === 'trials',
            },
          ]}
        />
        {/* A GET form: the URL holds the filter (bookmarkable). htmx replays the same GET on
            change and swaps only the results; without JS the button submits it. */}
        <form
          method="get"
          action={productsUrl()}
          class="filters"
          hx-get={productsUrl()}
          hx-trigger="change, submit"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <fieldset>
            <legend>{t('products.filter.legend')}</legend>
            {f.tab !== 'products' ? <input type="hidden" name="tab" value={f.tab} /> : null}
            <SelectField
              inline
              id="filter-scope"
              name="scope"
              label={t('products.filter.scope')}
              value={f.scope}
              options={[
                { value: 'self_service', label: t('products.filter.scope.self_service') },
                { value: 'all', label: t('products.filter.scope.all') },
              ]}
            />
            <SelectField
              inline
              id="filter-status"
              name="status"
              label={t('products.filter.status')}
              value={f.status}
              options={[
                { value: 'any', label: t('products.filter.status.any') },
                ...statuses.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) })),
              ]}
            />
            <button type="submit" class="button button--secondary">
              {t('products.filter.apply')}
            </button>
          </fieldset>
        </form>
        <ProductsResults ctx={p.ctx} filter={f} list={p.list} />
      </div>
    ),
  })
}

/** "More actions" (⋯) on a row: a disclosure that needs no script (details/summary). */
function MoreActions(p: { ctx: ViewContext; row: YourProductRow }): SafeHtml {
  const { t, locale } = p.ctx
  const r = p.row
  if (!r.canCancel) return <span></span>
  return (
    <details class="more-actions">
      {/* Described by the row's purchase line, so two rows of one product have buttons told apart. */}
      <summary aria-describedby={`about-${r.id}`}>
        <span aria-hidden="true">⋯</span>
        <span class="visually-hidden">{t('more.actions', { product: r.productName[locale] })}</span>
      </summary>
      <ul>
        <li>
          <a {...paneLink(cancelUrl(r.id))}>{t('cancel.open')}</a>
        </li>
      </ul>
    </details>
  )
}
