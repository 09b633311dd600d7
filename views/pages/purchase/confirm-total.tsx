import type { Quote } from '../../../src/money/quote'
import { formatMoney, formatNumber } from '../../../src/i18n/format'
import type { Product } from '../../../src/services/purchase/catalog'
import type { ViewContext } from '../../context'
import { brandName } from '../../components/card-fields'
import { CsrfField } from '../../components/csrf-field'
import { h } from '../../html'
import { checkoutUrl } from '../../urls'
import type { CheckoutOrder } from './checkout'
import { OrderSummary } from './order-summary'
import { productName, PurchaseFrame } from './purchase-frame'

export type ConfirmTotalProps = {
  ctx: ViewContext
  product: Product
  order: CheckoutOrder
  /** The order priced now: the total the buyer confirms, and the one Buy is held to. */
  quote: Quote
  profileName: string
  /** The card it is paid with, as the buyer knows it: nothing of it is typed again. */
  payWith: { brand: string; last4: string }
  /** The card as the form sends it: a saved card's id, or a held card's token. */
  card: { payment: string; cardToken?: string | undefined }
  /** The checkout form's key: confirming twice (or again after Back) is one purchase. */
  idempotencyKey: string
  /** The checkout with this order and card, to change something first. */
  changeUrl: string
}

/**
 * The new total to confirm (DESIGN §3 Purchase): shown instead of charging when an order's price is
 * not the total the buyer saw. The order and the card travel as hidden fields — a new card only as
 * the gateway's token — so one click buys at the total on this page.
 */
export function ConfirmTotalPage(p: ConfirmTotalProps): string {
  const { t, locale } = p.ctx
  const total = formatMoney(p.quote.total, p.quote.currency, locale)
  return PurchaseFrame({
    ctx: p.ctx,
    title: t('checkout.confirmTitle', { product: productName(p.product, locale) }),
    errors: [],
    children: (
      <div>
        <p class="notice">{t('checkout.totalChanged')}</p>
        <form method="post" action={checkoutUrl(p.product.code)} class="checkout" novalidate>
          <CsrfField ctx={p.ctx} />
          <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
          <input type="hidden" name="quantity" value={p.order.quantity} />
          <input type="hidden" name="frequency" value={p.order.frequency} />
          <input type="hidden" name="profile" value={p.order.profileId} />
          <input type="hidden" name="payment" value={p.card.payment} />
          {p.card.cardToken ? <input type="hidden" name="cardToken" value={p.card.cardToken} /> : null}
          <section aria-labelledby="order-title">
            <h2 id="order-title">{t('checkout.orderTitle')}</h2>
            <dl class="summary-list">
              <div class="summary-list__row">
                <dt>{t('checkout.quantity')}</dt>
                <dd>{formatNumber(Number(p.order.quantity), locale)}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{t('checkout.frequency')}</dt>
                <dd>{t(`frequency.${p.order.frequency}`)}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{t('checkout.profile')}</dt>
                <dd>{p.profileName}</dd>
              </div>
              <div class="summary-list__row">
                <dt>{t('checkout.paymentTitle')}</dt>
                <dd>{t('details.cardValue', { brand: brandName(t, p.payWith.brand), last4: p.payWith.last4 })}</dd>
              </div>
            </dl>
          </section>
          <OrderSummary ctx={p.ctx} quote={p.quote} frequency={p.order.frequency} />
          <div class="actions">
            <button type="submit" class="button">
              {t('checkout.confirmSubmit', { total })}
            </button>
            <a class="button button--secondary" href={p.changeUrl}>
              {t('checkout.changeOrder')}
            </a>
          </div>
        </form>
      </div>
    ),
  })
}
