import type { SubscriptionDetails } from '../../../src/services/subscriptions/get-subscription'
import { formatDate, formatMoney, formatNumber } from '../../../src/i18n/format'
import { brandName } from '../../components/card-fields'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { Fragment, h, type Child, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { keyDate, pricePerLicense } from './format'
import { autoRenewUrl, cancelUrl, changeLicensesUrl, convertUrl, productsUrl, reactivateUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'
import { EmptyPane, paneLink } from '../../components/side-pane'
import { STATUS_LABELS } from '../../../src/i18n/labels'
import { licensesUrl } from '../../urls'

function Row(p: { label: string; children?: Child }) {
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  )
}

/** Subscription details: every field and the assigned users (read-only for now). */
export function SubscriptionPage(p: {
  ctx: ViewContext
  sub: SubscriptionDetails
  status?: string | undefined
  errors?: FieldError[]
}) {
  const { t, locale } = p.ctx
  const s = p.sub
  const date = (d: Date) => formatDate(d, locale)
  const more = s.assignedCount - s.assignedUsers.length
  const errors = p.errors ?? []
  return Layout({
    ctx: p.ctx,
    title: s.product.name[locale],
    hasErrors: errors.length > 0,
    status: p.status,
    children: (
      <div>
        <ErrorSummary ctx={p.ctx} errors={errors} />
        <p class="back">
          <a href={productsUrl()}>{t('details.back')}</a>
        </p>
        <h1>{s.product.name[locale]}</h1>
        <p class="lead">{s.product.description[locale]}</p>
        <SummarySection ctx={p.ctx} sub={s} />
        {s.conversion && s.card ? (
          <section aria-labelledby="convert-title" id="convert">
            <h2 id="convert-title">{t('convert.title')}</h2>
            <p>
              {t('convert.explain', {
                total: formatMoney(s.conversion.total, s.conversion.currency, locale),
                frequency: t(`frequency.${s.billingFrequency}`),
                card: t('details.cardValue', { brand: brandName(t, s.card.brand), last4: s.card.last4 }),
              })}
            </p>
            <form method="post" action={convertUrl(s.id)}>
              <CsrfField ctx={p.ctx} />
              <button type="submit" class="button">
                {t('convert.submit')}
              </button>
            </form>
          </section>
        ) : null}
        <RenewalSection ctx={p.ctx} sub={s} />
        <section aria-labelledby="assigned-title">
          <h2 id="assigned-title">{t('details.assignedUsers')}</h2>
          {s.assignedUsers.length === 0 ? (
            <p class="empty">{t('details.noAssigned')}</p>
          ) : (
            <DataTable
              caption={t('details.assignedCaption')}
              captionHidden
              rows={s.assignedUsers}
              columns={[
                { header: t('details.col.name'), cell: (u) => u.displayName },
                { header: t('details.col.email'), cell: (u) => u.email },
                { header: t('details.col.assignedOn'), cell: (u) => date(u.assignedAt) },
              ]}
            />
          )}
          {more > 0 ? <p>{t('details.moreAssigned', { count: more })}</p> : null}
          {/* The first few holders only: the licences page lists them all, with Assign and Unassign. */}
          {s.assignable || s.assignedCount > 0 ? (
            <p>
              <a href={licensesUrl(s.id)}>{t(s.assignable ? 'details.viewAllAndAssign' : 'details.viewAll')}</a>
            </p>
          ) : null}
        </section>
      </div>
    ),
  })
}

export const LICENSE_ACTIONS_ID = 'license-actions'

/** "Buy licenses" and "Remove licenses" open the same pane (one field: the new total). Each has an
 *  id, so focus goes back to the one that was used when the pane closes after a change. */
export function LicenseActions(p: { ctx: ViewContext; sub: SubscriptionDetails }) {
  const { t } = p.ctx
  const s = p.sub
  const url = changeLicensesUrl(s.id)
  const { canChange, canCancel } = s
  return (
    <div id={LICENSE_ACTIONS_ID} class="button-row">
      {canChange ? (
        <a class="button button--secondary" id="buy-licenses" {...paneLink(url)}>
          {t('change.open.buy')}
        </a>
      ) : null}
      {canChange ? (
        <a class="button button--secondary" id="remove-licenses" {...paneLink(url)}>
          {t('change.open.remove')}
        </a>
      ) : null}
      {canCancel ? (
        <a class="button button--secondary" id="cancel-subscription" {...paneLink(cancelUrl(s.id))}>
          {t('cancel.open')}
        </a>
      ) : null}
    </div>
  )
}

/** The subscription's fields with the licence actions: htmx replaces it after a change. */
export function SummarySection(p: { ctx: ViewContext; sub: SubscriptionDetails }) {
  const { t, locale } = p.ctx
  const s = p.sub
  const date = (d: Date) => formatDate(d, locale)
  return (
    <section aria-labelledby="summary-title" id="subscription-summary">
      <h2 id="summary-title">{t('details.summary')}</h2>
      <LicenseActions ctx={p.ctx} sub={s} />
      <dl class="summary-list">
        <Row label={t('details.status')}>
          <span class={`badge badge--${s.status}`}>{t(STATUS_LABELS[s.status])}</span> {keyDate(t, locale, s)}
        </Row>
        <Row label={t('details.totalLicenses')}>{formatNumber(s.quantity, locale)}</Row>
        <Row label={t('details.assignedLicenses')}>{formatNumber(s.assignedCount, locale)}</Row>
        <Row label={t('details.availableLicenses')}>{formatNumber(s.available, locale)}</Row>
        {s.pendingQuantity !== null ? (
          <Row label={t('details.pendingQuantity')}>
            {t('details.pendingQuantityValue', {
              count: s.pendingQuantity,
              date: date(s.termEnd),
            })}
          </Row>
        ) : null}
        <Row label={t('details.frequency')}>{t(`frequency.${s.billingFrequency}`)}</Row>
        <Row label={t('details.unitPrice')}>{pricePerLicense(t, locale, s)}</Row>
        {s.trialEndsAt ? <Row label={t('details.trialEnds')}>{date(s.trialEndsAt)}</Row> : null}
        <Row label={t('details.termStart')}>{date(s.termStart)}</Row>
        <Row label={t('details.termEnd')}>{date(s.termEnd)}</Row>
        <Row label={t('details.autoRenew')}>{t(s.autoRenew ? 'details.autoRenew.on' : 'details.autoRenew.off')}</Row>
        <Row label={t('details.source')}>{t(`source.${s.source}`)}</Row>
        <Row label={t('details.purchaser')}>{s.purchaserName}</Row>
        <Row label={t('details.purchasedOn')}>{date(s.createdAt)}</Row>
        <Row label={t('details.billingProfile')}>{s.billingProfileName ?? t('details.none')}</Row>
        <Row label={t('details.paymentMethod')}>
          {s.card
            ? t('details.cardValue', { brand: brandName(t, s.card.brand), last4: s.card.last4 })
            : t('details.none')}
        </Row>
        {s.cancelledAt ? (
          <Row label={t('details.cancellation')}>{t('details.cancellationValue', { date: date(s.cancelledAt) })}</Row>
        ) : null}
      </dl>
    </section>
  )
}

/** htmx after a change made in a pane: the pane closes (public/js/app.js gives focus back to the
 *  control that opened it) and the summary is fresh. Opened from Your products, the summary is
 *  not on the page and only the pane closes. */
export function ClosedPane(p: { ctx: ViewContext; sub: SubscriptionDetails }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target="#subscription-summary" hx-swap="outerHTML">
        <SummarySection ctx={p.ctx} sub={p.sub} />
      </hx-partial>
    </>
  )
}

/** Recurring billing on/off (not a cancellation), or Reactivate for an expired or disabled one. */
export function RenewalSection(p: { ctx: ViewContext; sub: SubscriptionDetails }) {
  const { t, locale } = p.ctx
  const s = p.sub
  const form = (action: string, label: string, extra?: SafeHtml) => (
    <form method="post" action={action}>
      <CsrfField ctx={p.ctx} />
      {extra}
      <button type="submit" class="button button--secondary">
        {label}
      </button>
    </form>
  )
  if (s.canSetAutoRenew) {
    const date = formatDate(s.termEnd, locale)
    return (
      <section aria-labelledby="renewal-title" id="renewal">
        <h2 id="renewal-title">{t('autoRenew.title')}</h2>
        <p>{t(s.autoRenew ? 'autoRenew.isOn' : 'autoRenew.isOff', { date })}</p>
        {s.autoRenew ? <p>{t('autoRenew.offNote')}</p> : null}
        {s.autoRenew && s.pendingQuantity !== null ? (
          <p>{t('autoRenew.dropsPending', { count: s.pendingQuantity })}</p>
        ) : null}
        {form(
          autoRenewUrl(s.id),
          t(s.autoRenew ? 'autoRenew.turnOff' : 'autoRenew.turnOn'),
          <input type="hidden" name="on" value={s.autoRenew ? 'false' : 'true'} />,
        )}
      </section>
    )
  }
  if (s.reactivation && s.card) {
    return (
      <section aria-labelledby="reactivate-title" id="reactivate">
        <h2 id="reactivate-title">{t('reactivate.title')}</h2>
        <p>
          {t('reactivate.explain', {
            total: formatMoney(s.reactivation.total, s.reactivation.currency, locale),
            count: s.renewalQuantity,
            frequency: t(`frequency.${s.billingFrequency}`),
            card: t('details.cardValue', { brand: brandName(t, s.card.brand), last4: s.card.last4 }),
          })}
        </p>
        {form(reactivateUrl(s.id), t('reactivate.submit'))}
      </section>
    )
  }
  return <div></div>
}
