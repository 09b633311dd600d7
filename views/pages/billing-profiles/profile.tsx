import type { ProfileDetails } from '../../../src/services/billing/billing-profile'
import { BILLING_STATUS_LABELS, STATUS_LABELS } from '../../../src/i18n/labels'
import { formatDate, formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { AddressLines } from '../../components/address-fields'
import { DataTable } from '../../components/data-table'
import { EmptyPane, paneLink } from '../../components/side-pane'
import { Fragment, h, type Child, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { accountUrl, editProfileCardUrl, editProfileUrl, replaceCardUrl, subscriptionUrl } from '../../urls'
import { ExpiryBadge, expiryText, MaskedCard } from '../payment-methods/format'

export const DETAILS_ID = 'profile-details'
export const INVOICES_ID = 'profile-invoices'
export const SUBSCRIPTIONS_ID = 'profile-subscriptions'

type Section = 'name' | 'address' | 'po' | 'email'

/** A row of the profile: its label, its value and, when it can change, an Edit link named for the
 *  field (a screen reader's list of links then says which). */
function Row(p: { ctx: ViewContext; profileId: string; label: string; edit?: Section; children?: Child }) {
  const { t } = p.ctx
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
      {p.edit ? (
        <dd class="summary-list__actions">
          <a id={`edit-${p.edit}`} {...paneLink(editProfileUrl(p.profileId, p.edit))}>
            {t('action.edit')}
            <span class="visually-hidden">{` ${p.label}`}</span>
          </a>
        </dd>
      ) : null}
    </div>
  )
}

/** Name, status, invoice currency and bill-to address. */
export function ProfileDetailsSection(p: { ctx: ViewContext; profile: ProfileDetails }): SafeHtml {
  const { t } = p.ctx
  const pr = p.profile
  const row = { ctx: p.ctx, profileId: pr.id }
  return (
    <section id={DETAILS_ID} aria-labelledby="details-title">
      <h2 id="details-title">{t('profile.details')}</h2>
      <dl class="summary-list summary-list--actions">
        <Row {...row} label={t('profile.name')} edit="name">
          {pr.name}
        </Row>
        <Row {...row} label={t('profile.status')}>
          <span class={`badge badge--${pr.status}`}>{t(BILLING_STATUS_LABELS[pr.status])}</span>
        </Row>
        <Row {...row} label={t('profile.currency')}>
          {pr.currency}
        </Row>
        <Row {...row} label={t('profile.billTo')} edit="address">
          <AddressLines ctx={p.ctx} address={pr.address} />
        </Row>
      </dl>
    </section>
  )
}

/** Invoices and billing notifications: the payment method with Edit and Replace, the PO number and
 *  invoices in email. */
export function InvoicesSection(p: { ctx: ViewContext; profile: ProfileDetails }): SafeHtml {
  const { t } = p.ctx
  const pr = p.profile
  const row = { ctx: p.ctx, profileId: pr.id }
  const card = pr.card
  return (
    <section id={INVOICES_ID} aria-labelledby="invoices-title">
      <h2 id="invoices-title">{t('profile.invoices')}</h2>
      <dl class="summary-list summary-list--actions">
        <Row {...row} label={t('profile.paymentMethod')}>
          {card ? (
            <>
              <MaskedCard ctx={p.ctx} card={card} />
              {` ${expiryText(card)} `}
              <ExpiryBadge ctx={p.ctx} expiry={card.expiry} />
            </>
          ) : (
            t('profile.noPaymentMethod')
          )}
        </Row>
        <Row {...row} label={t('profile.poNumber')} edit="po">
          {pr.poNumber || t('profile.none')}
        </Row>
        <Row {...row} label={t('profile.emailInvoices')} edit="email">
          {t(pr.emailInvoices ? 'profile.emailInvoicesOn' : 'profile.emailInvoicesOff')}
        </Row>
        <Row {...row} label={t('profile.recipients')}>
          {pr.invoiceEmailRecipients.length ? pr.invoiceEmailRecipients.join(', ') : t('profile.none')}
        </Row>
      </dl>
      <div class="button-row">
        {card ? (
          <a class="button button--secondary" id="edit-card" {...paneLink(editProfileCardUrl(pr.id))}>
            {t('action.edit')}
            <span class="visually-hidden">{` ${t('profile.paymentMethod')}`}</span>
          </a>
        ) : null}
        <a class="button button--secondary" id="replace-card" {...paneLink(replaceCardUrl(pr.id))}>
          {card ? (
            <>
              {t('action.replace')}
              <span class="visually-hidden">{` ${t('profile.paymentMethod')}`}</span>
            </>
          ) : (
            t('profile.choosePaymentMethod')
          )}
        </a>
      </div>
    </section>
  )
}

/** The subscriptions billed to the profile, each a link to its details. */
export function SubscriptionsSection(p: { ctx: ViewContext; profile: ProfileDetails }): SafeHtml {
  const { t, locale } = p.ctx
  const subs = p.profile.subscriptions
  return (
    // A div, not a second region: the table inside is already a region of the same name.
    <div id={SUBSCRIPTIONS_ID}>
      <h2 id="subscriptions-title">{t('profile.subscriptions')}</h2>
      {subs.length === 0 ? (
        <p class="empty">{t('profile.noSubscriptions')}</p>
      ) : (
        <DataTable
          caption={t('profile.subscriptions')}
          captionHidden
          rows={subs}
          columns={[
            {
              header: t('profile.col.product'),
              cell: (s) => <a href={subscriptionUrl(s.id)}>{s.productName[locale]}</a>,
            },
            {
              header: t('profile.col.status'),
              cell: (s) => <span class={`badge badge--${s.status}`}>{t(STATUS_LABELS[s.status])}</span>,
            },
            { header: t('profile.col.licenses'), numeric: true, cell: (s) => formatNumber(s.quantity, locale) },
            { header: t('profile.col.termEnd'), cell: (s) => formatDate(s.termEnd, locale) },
            {
              header: t('profile.col.paymentMethod'),
              cell: (s) => (s.card ? <MaskedCard ctx={p.ctx} card={s.card} /> : t('profile.none')),
            },
          ]}
        />
      )}
    </div>
  )
}

/** Billing profile details (DESIGN §10). */
export function ProfilePage(p: { ctx: ViewContext; profile: ProfileDetails; status?: string | undefined }): string {
  const { t } = p.ctx
  const pr = p.profile
  return Layout({
    ctx: p.ctx,
    title: `${pr.name} – ${t('profile.details')}`,
    status: p.status,
    children: (
      <div>
        <p class="back">
          <a href={accountUrl(pr.account.id, 'profiles')}>{t('profile.back', { account: pr.account.name })}</a>
        </p>
        <h1>{pr.name}</h1>
        <ProfileDetailsSection ctx={p.ctx} profile={pr} />
        <InvoicesSection ctx={p.ctx} profile={pr} />
        <SubscriptionsSection ctx={p.ctx} profile={pr} />
      </div>
    ),
  })
}

/** htmx after a change made in one of the profile's panes: the pane closes and every section is fresh. */
export function ClosedProfilePane(p: { ctx: ViewContext; profile: ProfileDetails }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target={`#${DETAILS_ID}`} hx-swap="outerHTML">
        <ProfileDetailsSection ctx={p.ctx} profile={p.profile} />
      </hx-partial>
      <hx-partial hx-target={`#${INVOICES_ID}`} hx-swap="outerHTML">
        <InvoicesSection ctx={p.ctx} profile={p.profile} />
      </hx-partial>
      <hx-partial hx-target={`#${SUBSCRIPTIONS_ID}`} hx-swap="outerHTML">
        <SubscriptionsSection ctx={p.ctx} profile={p.profile} />
      </hx-partial>
    </>
  )
}
