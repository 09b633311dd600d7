import type { LicenseRow } from '../../../src/services/licenses/list-licenses'
import { formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { h } from '../../html'
import { Layout } from '../../layout'
import { licensesUrl } from '../../urls'
import { ProductCell, StatusBadge } from '../../components/subscription-labels'

/** Licenses: the user's products with assigned, available and total (DESIGN §10). */
export function LicensesPage(p: { ctx: ViewContext; rows: LicenseRow[] }) {
  const { t, locale } = p.ctx
  const n = (x: number) => formatNumber(x, locale)
  return Layout({
    ctx: p.ctx,
    title: t('licenses.title'),
    children: (
      <div>
        <h1>{t('licenses.title')}</h1>
        <p>{t('licenses.intro')}</p>
        {p.rows.length === 0 ? (
          <p class="empty">{t('licenses.empty')}</p>
        ) : (
          <DataTable
            caption={t('licenses.caption')}
            captionHidden
            rows={p.rows}
            columns={[
              {
                header: t('licenses.col.product'),
                cell: (r) => <ProductCell ctx={p.ctx} href={licensesUrl(r.id)} sub={r} />,
              },
              { header: t('products.col.status'), cell: (r) => <StatusBadge ctx={p.ctx} status={r.status} /> },
              { header: t('licenses.col.assigned'), cell: (r) => n(r.assigned), numeric: true },
              {
                header: t('licenses.col.available'),
                cell: (r) => n(r.available),
                numeric: true,
              },
              { header: t('licenses.col.total'), cell: (r) => n(r.quantity), numeric: true },
            ]}
          />
        )}
      </div>
    ),
  })
}
