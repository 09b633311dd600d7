import type { Quote } from '../../../src/services/purchase/quote'
import { formatDate, formatMoney } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { StatusUpdate } from '../../components/status-message'
import { h, type SafeHtml } from '../../html'

export const SUMMARY_ID = 'order-summary'

/**
 * The price before "Buy". It sits inside the payment form with the order as hidden fields, so
 * what is shown is exactly what is charged; htmx replaces this block when the order changes.
 */
export function OrderSummary(p: { ctx: ViewContext; quote: Quote; order: { quantity: number; frequency: string; profileId: string } }): SafeHtml {
  const { t, locale } = p.ctx
  const q = p.quote
  const money = (n: number) => formatMoney(n, q.currency, locale)
  const rate = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(q.taxRateBp / 10_000)
  return (
    <div id={SUMMARY_ID} class="order-summary">
      <input type="hidden" name="quantity" value={String(p.order.quantity)} />
      <input type="hidden" name="frequency" value={p.order.frequency} />
      <input type="hidden" name="profile" value={p.order.profileId} />
      <h2 id="summary-title">{t('checkout.summaryTitle')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('checkout.unitPrice')}</dt>
          <dd>{t(p.order.frequency === 'monthly' ? 'price.perMonth' : 'price.perYear', { price: money(q.unitPrice) })}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('checkout.subtotal', { quantity: q.quantity })}</dt>
          <dd>{money(q.subtotal)}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('checkout.tax', { rate })}</dt>
          <dd>{money(q.tax)}</dd>
        </div>
        <div class="summary-list__row summary-list__row--total">
          <dt>{t('checkout.total')}</dt>
          <dd>{money(q.total)}</dd>
        </div>
      </dl>
      <p>{t('checkout.renews', { date: formatDate(q.periodEnd, locale) })}</p>
    </div>
  )
}

/** The htmx answer to an order change: the new summary, and its total for the live region. */
export function OrderSummaryUpdate(p: { ctx: ViewContext; quote: Quote; order: { quantity: number; frequency: string; profileId: string } }): string {
  const total = `${p.ctx.t('checkout.total')}: ${formatMoney(p.quote.total, p.quote.currency, p.ctx.locale)}`
  return OrderSummary(p).html + StatusUpdate({ message: total }).html
}

/** The htmx answer to an order the summary cannot price: the reason, and no order to pay. */
export function OrderSummaryProblem(p: { message: string }): string {
  return (
    <div id={SUMMARY_ID} class="order-summary">
      <p class="field__error">{p.message}</p>
    </div>
  ).html + StatusUpdate({ message: p.message }).html
}
