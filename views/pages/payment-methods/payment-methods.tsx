import type { PaymentMethodDetails } from '../../../src/services/payment-methods/payment-methods'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { EmptyPane, paneLink } from '../../components/side-pane'
import { Tabs } from '../../components/tabs'
import { Fragment, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import {
  addPaymentMethodUrl,
  invoicesUrl,
  paymentMethodsUrl,
  paymentMethodUrl,
  profileUrl,
  subscriptionUrl,
} from '../../urls'
import { ExpiryBadge, expiryText, MaskedCard } from './format'

export const CARDS_ID = 'payment-methods-list'

/** Bills & payments' tabs are links (DESIGN §11): Invoices and Payment methods. */
export function BillsTabs(p: { ctx: ViewContext; current: 'invoices' | 'paymentMethods' }): SafeHtml {
  const { t } = p.ctx
  return (
    <Tabs
      label={t('bills.tabsLabel')}
      tabs={[
        { href: invoicesUrl(), label: t('bills.tab.invoices'), current: p.current === 'invoices' },
        { href: paymentMethodsUrl(), label: t('bills.tab.paymentMethods'), current: p.current === 'paymentMethods' },
      ]}
    />
  )
}

/** Where each card is used: its profiles and subscriptions, each a link. */
function UsedBy(p: { ctx: ViewContext; card: PaymentMethodDetails }): SafeHtml {
  const { t, locale } = p.ctx
  const { profiles, subscriptions } = p.card.usedBy
  if (profiles.length === 0 && subscriptions.length === 0) return <span>{t('paymentMethods.notUsed')}</span>
  return (
    <ul class="plain-list">
      {profiles.map((pr) => (
        <li>
          <a href={profileUrl(pr.id)}>{t('paymentMethods.profileUse', { name: pr.name })}</a>
        </li>
      ))}
      {subscriptions.map((s) => (
        <li>
          <a href={subscriptionUrl(s.id)}>{t('paymentMethods.subscriptionUse', { product: s.productName[locale] })}</a>
        </li>
      ))}
    </ul>
  )
}

/** The cards, each opening its pane: the region a change replaces. */
export function CardsList(p: { ctx: ViewContext; cards: PaymentMethodDetails[] }): SafeHtml {
  const { t } = p.ctx
  return (
    <div id={CARDS_ID}>
      {p.cards.length === 0 ? (
        <p class="empty">{t('paymentMethods.empty')}</p>
      ) : (
        <DataTable
          caption={t('paymentMethods.caption')}
          captionHidden
          rows={p.cards}
          rowId={(c) => `card-${c.id}`}
          columns={[
            {
              header: t('paymentMethods.col.card'),
              cell: (c) => (
                <a {...paneLink(paymentMethodUrl(c.id))}>
                  <MaskedCard ctx={p.ctx} card={c} />
                </a>
              ),
            },
            {
              header: t('paymentMethods.col.expires'),
              cell: (c) => (
                <>
                  {`${expiryText(c)} `}
                  <ExpiryBadge ctx={p.ctx} expiry={c.expiry} />
                </>
              ),
            },
            { header: t('paymentMethods.col.name'), cell: (c) => c.nameOnCard },
            { header: t('paymentMethods.col.usedBy'), cell: (c) => <UsedBy ctx={p.ctx} card={c} /> },
          ]}
        />
      )}
    </div>
  )
}

/** "Add a payment method": a menu (details/summary, no script needed) whose one entry is a card. */
function AddMenu(p: { ctx: ViewContext }): SafeHtml {
  const { t } = p.ctx
  return (
    <details class="more-actions add-menu" id="add-payment-method">
      <summary>{t('paymentMethods.add')}</summary>
      <ul>
        <li>
          <a {...paneLink(addPaymentMethodUrl())}>{t('paymentMethods.addCard')}</a>
        </li>
      </ul>
    </details>
  )
}

export function PaymentMethodsPage(p: {
  ctx: ViewContext
  cards: PaymentMethodDetails[]
  status?: string | undefined
}): string {
  const { t } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: `${t('bills.tab.paymentMethods')} – ${t('bills.title')}`,
    status: p.status,
    children: (
      <div>
        <h1>{t('bills.title')}</h1>
        <BillsTabs ctx={p.ctx} current="paymentMethods" />
        <h2 class="visually-hidden">{t('bills.tab.paymentMethods')}</h2>
        <p>{t('paymentMethods.intro')}</p>
        <div class="toolbar">
          <AddMenu ctx={p.ctx} />
        </div>
        <CardsList ctx={p.ctx} cards={p.cards} />
      </div>
    ),
  })
}

/** htmx after a change made in a card's pane: the pane closes and the list is fresh. */
export function ClosedCardsPane(p: { ctx: ViewContext; cards: PaymentMethodDetails[] }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target={`#${CARDS_ID}`} hx-swap="outerHTML">
        <CardsList ctx={p.ctx} cards={p.cards} />
      </hx-partial>
    </>
  )
}
