import type { Quote } from '../../../src/money/quote'
import { formatMoney, formatNumber } from '../../../src/i18n/format'
import { BillingSetupForm } from '../../components/billing-setup-form'
import { CardFields } from '../../components/card-fields'
import { RadioGroup } from '../../components/radio-group'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { h } from '../../html'
import { OrderSummary, SUMMARY_ID } from './order-summary'
import { type PaymentFormProps, productName, PurchaseFrame } from './purchase-frame'
import { billingSetupUrl, checkoutUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

export type CheckoutOrder = { quantity: string; frequency: 'monthly' | 'annual'; profileId: string }

/** `maxLicenses`: the most licences one order may have (the product's limit within §3's 10,000). */
export type CheckoutProps = PaymentFormProps & { maxLicenses: number; order: CheckoutOrder; quote: Quote | null }

/**
 * Checkout (DESIGN §3 Purchase): one POST form with the order, its summary and the card. The
 * order's fields re-price the summary live with htmx (a GET that carries only them, never a card
 * field); without JavaScript "Update total" posts the form and is sent on to this page priced (a
 * GET, so Back never asks to resend a form), a new card kept only as the gateway's token.
 */
export function CheckoutPage(p: CheckoutProps) {
  const { t, locale } = p.ctx
  const name = productName(p.product, locale)
  const url = checkoutUrl(p.product.code)
  const money = (amount: number) => formatMoney(amount, p.product.currency, locale)
  return PurchaseFrame({
    ctx: p.ctx,
    title: t('checkout.title', { product: name }),
    errors: p.summary,
    children: p.setup ? (
      <BillingSetupForm
        ctx={p.ctx}
        action={billingSetupUrl(p.product.code)}
        values={p.setup.values}
        errors={p.setup.errors}
      />
    ) : (
      <form method="post" action={url} class="checkout" novalidate>
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
        <div
          class="order-form"
          hx-get={url}
          hx-trigger="change"
          // Typing a count and then clicking a frequency sends two requests: each carries the whole
          // order, so the newest replaces any still running and an older answer never lands last.
          hx-sync="this:replace"
          hx-include="#quantity, [name=frequency]:checked, #profile"
          hx-target={`#${SUMMARY_ID}`}
          hx-swap="outerHTML"
        >
          <h2>{t('checkout.orderTitle')}</h2>
          <TextField
            id="quantity"
            name="quantity"
            type="number"
            inputmode="numeric"
            label={t('checkout.quantity')}
            hint={t('checkout.quantityHint', { max: formatNumber(p.maxLicenses, locale) })}
            value={p.order.quantity}
            error={p.errors.quantity}
          />
          <RadioGroup
            id="frequency"
            name="frequency"
            legend={t('checkout.frequency')}
            value={p.order.frequency}
            error={p.errors.frequency}
            options={[
              { value: 'monthly', label: t('purchase.monthly', { price: money(p.product.monthlyPrice) }) },
              { value: 'annual', label: t('purchase.annual', { price: money(p.product.annualPrice) }) },
            ]}
          />
          <SelectField
            id="profile"
            name="profile"
            label={t('checkout.profile')}
            value={p.order.profileId}
            error={p.errors.profile}
            options={p.profiles.map((x) => ({ value: x.id, label: x.name }))}
          />
          <button type="submit" class="button button--secondary" name="intent" value="preview">
            {t('checkout.updateTotal')}
          </button>
        </div>
        <div class="payment-form">
          {p.quote ? (
            <OrderSummary ctx={p.ctx} quote={p.quote} frequency={p.order.frequency} />
          ) : (
            <div id={SUMMARY_ID} class="order-summary">
              <p class="field__error">{p.errors.quantity ?? ''}</p>
            </div>
          )}
          <CardFields ctx={p.ctx} cards={p.cards} held={p.held} values={p.card} errors={p.errors} reenter={p.reenter} />
          <button type="submit" class="button">
            {t('checkout.submit')}
          </button>
        </div>
      </form>
    ),
  })
}
