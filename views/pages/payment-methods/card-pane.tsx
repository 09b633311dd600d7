import type { PaymentMethodDetails } from '../../../src/services/payment-methods/payment-methods'
import { AddressLines } from '../../components/address-fields'
import { paneLink, SidePane } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { h, type Child, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import {
  deletePaymentMethodUrl,
  editPaymentMethodUrl,
  paymentMethodsUrl,
  profileUrl,
  subscriptionUrl,
} from '../../urls'
import { cardText, ExpiryBadge, expiryText, MaskedCard } from './format'

export type CardProps = { ctx: ViewContext; asPage?: boolean; card: PaymentMethodDetails }

function Row(p: { label: string; children?: Child }) {
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  )
}

/** A card opened from Payment methods: what it is and what uses it, with Edit and Delete. */
export function CardPane(p: CardProps): SafeHtml {
  const { t, locale } = p.ctx
  const c = p.card
  const { profiles, subscriptions } = c.usedBy
  return (
    <SidePane
      asPage={p.asPage}
      title={cardText(p.ctx, c)}
      closeHref={paymentMethodsUrl()}
      closeLabel={t('layout.close')}
    >
      <div class="button-row">
        <a class="button button--secondary" {...paneLink(editPaymentMethodUrl(c.id))}>
          {t('action.edit')}
        </a>
        <a class="button button--secondary" {...paneLink(deletePaymentMethodUrl(c.id))}>
          {t('paymentMethods.delete')}
        </a>
      </div>
      <dl class="summary-list">
        <Row label={t('paymentMethods.number')}>
          <MaskedCard ctx={p.ctx} card={c} />
        </Row>
        <Row label={t('paymentMethods.expires')}>
          {`${expiryText(c)} `}
          <ExpiryBadge ctx={p.ctx} expiry={c.expiry} />
        </Row>
        <Row label={t('card.nameOnCard')}>{c.nameOnCard}</Row>
        <Row label={t('paymentMethods.address')}>
          <AddressLines ctx={p.ctx} address={c.address} />
        </Row>
        <Row label={t('paymentMethods.usedBy')}>
          {profiles.length + subscriptions.length === 0 ? (
            t('paymentMethods.notUsed')
          ) : (
            <ul class="plain-list">
              {profiles.map((pr) => (
                <li>
                  <a href={profileUrl(pr.id)}>{t('paymentMethods.profileUse', { name: pr.name })}</a>
                </li>
              ))}
              {subscriptions.map((s) => (
                <li>
                  <a href={subscriptionUrl(s.id)}>
                    {t('paymentMethods.subscriptionUse', { product: s.productName[locale] })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Row>
      </dl>
    </SidePane>
  )
}

export function CardPage(p: CardProps): string {
  return Layout({ ctx: p.ctx, title: cardText(p.ctx, p.card), children: CardPane({ ...p, asPage: true }) })
}
