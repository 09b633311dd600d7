import type { AccountRow } from '../../../src/services/billing/billing-accounts'
import { agreementLabel, BILLING_STATUS_LABELS } from '../../../src/i18n/labels'
import { formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { Tabs } from '../../components/tabs'
import { h } from '../../html'
import { Layout } from '../../layout'
import { accountsUrl, accountUrl } from '../../urls'

/** Billing accounts (DESIGN §10), its Overview tab: the accounts this user owns. */
export function AccountsPage(p: { ctx: ViewContext; accounts: AccountRow[] }): string {
  const { t, locale } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: t('accounts.title'),
    children: (
      <div>
        <h1>{t('accounts.title')}</h1>
        <Tabs
          label={t('accounts.tabsLabel')}
          tabs={[{ href: accountsUrl(), label: t('accounts.tab.overview'), current: true }]}
        />
        {p.accounts.length === 0 ? (
          <p class="empty">{t('accounts.empty')}</p>
        ) : (
          <DataTable
            caption={t('accounts.caption')}
            captionHidden
            rows={p.accounts}
            columns={[
              { header: t('accounts.col.name'), cell: (a) => <a href={accountUrl(a.id)}>{a.name}</a> },
              { header: t('accounts.col.type'), cell: (a) => t(agreementLabel(a.agreementType)) },
              {
                header: t('accounts.col.status'),
                cell: (a) => <span class={`badge badge--${a.status}`}>{t(BILLING_STATUS_LABELS[a.status])}</span>,
              },
              { header: t('accounts.col.profiles'), numeric: true, cell: (a) => formatNumber(a.profileCount, locale) },
            ]}
          />
        )}
      </div>
    ),
  })
}
