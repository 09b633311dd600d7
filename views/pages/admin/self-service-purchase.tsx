import { formatDate, formatMoney } from '../../../src/i18n/format'
import { INVOICE_KIND_LABELS } from '../../../src/i18n/labels'
import type { SelfServiceDetails } from '../../../src/services/admin/list-self-service'
import { DataTable } from '../../components/data-table'
import { EmptyPane, paneLink } from '../../components/side-pane'
import { StatusBadge } from '../../components/subscription-labels'
import type { ViewContext } from '../../context'
import { Fragment, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { adminSelfServiceUrl, adminTakeOverUrl } from '../../urls'
import { pricePerLicense } from '../products/format'
import { termTotalText } from './self-service'

export const PURCHASE_DETAILS_ID = 'purchase-details'

/** One self-service purchase as the admin reads it: the facts, every holder, the order history. Nothing
 *  here changes data; Take over opens its own pane (or page). */
export function SelfServicePurchasePage(p: {
  ctx: ViewContext
  purchase: SelfServiceDetails
  status?: string | undefined
}): string {
  const { t, locale } = p.ctx
  const s = p.purchase
  const title = t('selfService.purchaseTitle', { product: s.productName[locale], purchaser: s.purchaser.displayName })
  return Layout({
    ctx: p.ctx,
    title,
    status: p.status,
    children: (
      <div>
        <p>
          <a href={adminSelfServiceUrl()}>{t('selfService.back')}</a>
        </p>
        <h1>{title}</h1>
        <PurchaseDetails ctx={p.ctx} purchase={s} />
      </div>
    ),
  })
}

/** For htmx after a take-over: the pane closes and the details show what changed (status, users). */
export function ClosedTakeOverPane(p: { ctx: ViewContext; purchase: SelfServiceDetails }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target={`#${PURCHASE_DETAILS_ID}`} hx-swap="outerHTML">
        <PurchaseDetails ctx={p.ctx} purchase={p.purchase} />
      </hx-partial>
    </>
  )
}

/** The facts, Take over, every holder and the order history: the region a take-over refreshes. */
function PurchaseDetails(p: { ctx: ViewContext; purchase: SelfServiceDetails }): SafeHtml {
  const { t, locale } = p.ctx
  const s = p.purchase
  return (
    <div id={PURCHASE_DETAILS_ID}>
      <dl class="summary-list">
        <dt>{t('selfService.col.purchaser')}</dt>
        <dd>
          {s.purchaser.displayName} ({s.purchaser.email})
        </dd>
        <dt>{t('selfService.col.status')}</dt>
        <dd>
          <StatusBadge ctx={p.ctx} status={s.status} />
        </dd>
        <dt>{t('selfService.col.licenses')}</dt>
        <dd>{t('products.licensesValue', { assigned: s.assigned, total: s.quantity })}</dd>
        <dt>{t('selfService.col.expires')}</dt>
        <dd>{formatDate(s.expiresAt, locale)}</dd>
        <dt>{t('selfService.col.price')}</dt>
        <dd>
          {pricePerLicense(t, locale, s)} · {termTotalText(p.ctx, s)}
        </dd>
      </dl>
      {s.canTakeOver ? (
        <p>
          <a id="take-over" class="button button--secondary" {...paneLink(adminTakeOverUrl(s.id))}>
            {t('takeOver.open')}
          </a>
        </p>
      ) : null}
      <h2>{t('selfService.usersHeading')}</h2>
      {s.users.length === 0 ? (
        <p class="empty">{t('selfService.assignedNone')}</p>
      ) : (
        <DataTable
          caption={t('selfService.usersHeading')}
          captionHidden
          rows={s.users}
          columns={[
            { header: t('selfService.col.user'), cell: (u) => u.displayName },
            { header: t('selfService.col.email'), cell: (u) => u.email },
            { header: t('selfService.col.assignedAt'), cell: (u) => formatDate(u.assignedAt, locale) },
          ]}
        />
      )}
      <h2>{t('selfService.historyHeading')}</h2>
      {s.invoices.length === 0 ? (
        <p class="empty">{t('selfService.historyNone')}</p>
      ) : (
        <DataTable
          caption={t('selfService.historyHeading')}
          captionHidden
          rows={s.invoices}
          columns={[
            { header: t('invoices.col.number'), cell: (i) => String(i.number) },
            { header: t('invoices.col.kind'), cell: (i) => t(INVOICE_KIND_LABELS[i.kind]) },
            { header: t('invoices.col.date'), cell: (i) => formatDate(i.issuedAt, locale) },
            { header: t('invoices.col.total'), cell: (i) => formatMoney(i.total, i.currency, locale), numeric: true },
          ]}
        />
      )}
    </div>
  )
}
