import type { Quote } from '../../../src/money/quote'
import { formatDate, formatMoney, formatPercentBp } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'

export const SUMMARY_ID = 'order-summary'

/**
 * The price before "Buy", for the order in the same form; htmx replaces this block when the order
 * changes, and without JavaScript "Update total" re-renders it.
 */
export function OrderSummary(p: { ctx: ViewContext; quote: Quote; frequency: string }): SafeHtml {
  const { t, locale } = p.ctx
  const q = p.quote
  const money = (n: number) => formatMoney(n, q.currency, locale)
  const rate = formatPercentBp(q.taxRateBp, locale)
  return (
    <div id={SUMMARY_ID} class="order-summary">
      {/* The total the buyer saw: Buy charges nothing if the order no longer comes to it. */}
      <input type="hidden" name="quotedTotal" value={String(q.total)} />
      <h2 id="summary-title">{t('checkout.summaryTitle')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('checkout.unitPrice')}</dt>
          <dd>{t(p.frequency === 'monthly' ? 'price.perMonth' : 'price.perYear', { price: money(q.unitPrice) })}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('checkout.subtotal', { count: q.quantity })}</dt>
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

/** htmx re-prices the summary as the order changes; this total goes to the live region. */
export function orderTotalText(ctx: ViewContext, quote: Quote): string {
  return `${ctx.t('checkout.total')}: ${formatMoney(quote.total, quote.currency, ctx.locale)}`
}

/** In place of the summary, for an order it cannot price: the reason, and no order to pay. */
export function OrderSummaryProblem(p: { message: string }): SafeHtml {
  return (
    <div id={SUMMARY_ID} class="order-summary">
      <p class="field__error">{p.message}</p>
    </div>
  )
}
