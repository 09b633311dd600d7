import type { AccountDetails } from '../../../src/services/billing/billing-accounts'
import { agreementLabel, BILLING_STATUS_LABELS } from '../../../src/i18n/labels'
import { formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { AddressLines } from '../../components/address-fields'
import { DataTable } from '../../components/data-table'
import { EmptyPane, paneLink } from '../../components/side-pane'
import { Tabs } from '../../components/tabs'
import { Fragment, h, type Child, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { accountsUrl, accountUrl, addProfileUrl, editAccountUrl, profileUrl } from '../../urls'
import { MaskedCard } from '../payment-methods/format'

export type AccountTab = 'overview' | 'profiles'
export const OVERVIEW_ID = 'account-overview'
export const PROFILES_ID = 'account-profiles'

function Row(p: { label: string; children?: Child }) {
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  )
}

/** Overview: name, type, status, sold-to address and tax id, with Edit (a pane). */
export function AccountOverview(p: { ctx: ViewContext; account: AccountDetails }): SafeHtml {
  const { t } = p.ctx
  const a = p.account
  return (
    <section id={OVERVIEW_ID} aria-labelledby="overview-title">
      <h2 id="overview-title">{t('account.details')}</h2>
      <div class="button-row">
        <a class="button button--secondary" id="edit-account" {...paneLink(editAccountUrl(a.id))}>
          {t('account.edit')}
        </a>
      </div>
      <dl class="summary-list">
        <Row label={t('account.name')}>{a.name}</Row>
        <Row label={t('account.type')}>{t(agreementLabel(a.agreementType))}</Row>
        <Row label={t('account.status')}>
          <span class={`badge badge--${a.status}`}>{t(BILLING_STATUS_LABELS[a.status])}</span>
        </Row>
        <Row label={t('account.soldTo')}>
          <AddressLines ctx={p.ctx} address={a.address} />
        </Row>
        <Row label={t('account.taxId')}>{a.taxId || t('account.none')}</Row>
      </dl>
    </section>
  )
}

/** Billing profiles: every profile of the account, each a link to its page, and Add a billing profile. */
export function AccountProfiles(p: { ctx: ViewContext; account: AccountDetails }): SafeHtml {
  const { t, locale } = p.ctx
  const a = p.account
  return (
    <section id={PROFILES_ID} aria-labelledby="profiles-title">
      <h2 id="profiles-title">{t('accounts.tab.profiles')}</h2>
      <div class="button-row">
        <a class="button button--secondary" id="add-profile" {...paneLink(addProfileUrl(a.id))}>
          {t('addProfile.open')}
        </a>
      </div>
      {a.profiles.length === 0 ? (
        <p class="empty">{t('account.noProfiles')}</p>
      ) : (
        <DataTable
          caption={t('account.profilesCaption')}
          captionHidden
          rows={a.profiles}
          rowId={(pr) => `profile-${pr.id}`}
          columns={[
            { header: t('account.col.profile'), cell: (pr) => <a href={profileUrl(pr.id)}>{pr.name}</a> },
            {
              header: t('account.col.status'),
              cell: (pr) => <span class={`badge badge--${pr.status}`}>{t(BILLING_STATUS_LABELS[pr.status])}</span>,
            },
            { header: t('account.col.currency'), cell: (pr) => pr.currency },
            {
              header: t('account.col.paymentMethod'),
              cell: (pr) => (pr.card ? <MaskedCard ctx={p.ctx} card={pr.card} /> : t('profile.none')),
            },
            {
              header: t('account.col.subscriptions'),
              numeric: true,
              cell: (pr) => formatNumber(pr.subscriptionCount, locale),
            },
          ]}
        />
      )}
    </section>
  )
}

/** A billing account's details (DESIGN §10): the Overview and Billing profiles tabs are links. */
export function AccountPage(p: {
  ctx: ViewContext
  account: AccountDetails
  tab: AccountTab
  status?: string | undefined
}): string {
  const { t } = p.ctx
  const a = p.account
  const tabLabel = t(p.tab === 'overview' ? 'accounts.tab.overview' : 'accounts.tab.profiles')
  return Layout({
    ctx: p.ctx,
    title: `${tabLabel} – ${a.name}`,
    status: p.status,
    children: (
      <div>
        <p class="back">
          <a href={accountsUrl()}>{t('accounts.back')}</a>
        </p>
        <h1>{a.name}</h1>
        <Tabs
          label={t('accounts.tabsLabel')}
          tabs={[
            { href: accountUrl(a.id), label: t('accounts.tab.overview'), current: p.tab === 'overview' },
            { href: accountUrl(a.id, 'profiles'), label: t('accounts.tab.profiles'), current: p.tab === 'profiles' },
          ]}
        />
        {p.tab === 'overview' ? (
          <AccountOverview ctx={p.ctx} account={a} />
        ) : (
          <AccountProfiles ctx={p.ctx} account={a} />
        )}
      </div>
    ),
  })
}

/** htmx after a change made in a pane here: the pane closes and whichever tab is shown is fresh (a
 *  target that is not on the page is skipped). */
export function ClosedAccountPane(p: { ctx: ViewContext; account: AccountDetails }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target={`#${OVERVIEW_ID}`} hx-swap="outerHTML">
        <AccountOverview ctx={p.ctx} account={p.account} />
      </hx-partial>
      <hx-partial hx-target={`#${PROFILES_ID}`} hx-swap="outerHTML">
        <AccountProfiles ctx={p.ctx} account={p.account} />
      </hx-partial>
    </>
  )
}
