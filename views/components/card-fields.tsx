import type { CardChoice } from '../../src/services/billing/billing-choices'
import type { HeldCard } from '../../src/services/purchase/held-card'
import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { RadioGroup } from './radio-group'
import { NewCardFields } from './new-card-fields'
import { BRAND_LABELS } from '../../src/i18n/labels'

const BRAND_KEYS = new Map(Object.entries(BRAND_LABELS))

export type CardFormValues = { payment: string; expMonth: string; expYear: string; nameOnCard: string }

export function brandName(t: ViewContext['t'], brand: string): string {
  return t(BRAND_KEYS.get(brand) ?? 'brand.unknown')
}

/**
 * Pay with a saved card, the card entered earlier in this checkout (held by the gateway: only its
 * token is in the form), or a new one. The number and security code fields are always rendered
 * empty (DESIGN §5: never echoed), even after an error; the other card fields keep their values.
 */
export function CardFields(p: {
  ctx: ViewContext
  cards: CardChoice[]
  held: HeldCard | null
  values: CardFormValues
  errors: Record<string, string | undefined>
  reenter: boolean
}): SafeHtml {
  const { t } = p.ctx
  const e = p.errors
  const card = (c: { brand: string; last4: string; expMonth: number; expYear: number }) => ({
    brand: brandName(t, c.brand),
    last4: c.last4,
    month: String(c.expMonth).padStart(2, '0'),
    year: c.expYear,
  })
  const choices = p.cards.length > 0 || p.held !== null
  return (
    <div>
      {p.held ? <input type="hidden" name="cardToken" value={p.held.token} /> : null}
      {choices ? (
        <RadioGroup
          id="payment"
          name="payment"
          legend={t('checkout.paymentTitle')}
          value={p.values.payment}
          error={e.payment}
          options={[
            ...p.cards.map((c) => ({ value: `saved:${c.id}`, label: t('checkout.savedCard', card(c)) })),
            ...(p.held ? [{ value: 'held', label: t('checkout.enteredCard', card(p.held)) }] : []),
            { value: 'new', label: t('checkout.newCard') },
          ]}
        />
      ) : (
        <input type="hidden" name="payment" value="new" />
      )}
      <fieldset class="card-fields">
        <legend>{choices ? t('checkout.newCard') : t('checkout.paymentTitle')}</legend>
        {p.reenter ? <p class="notice">{t('card.reenter')}</p> : null}
        <NewCardFields ctx={p.ctx} values={p.values} errors={e} />
        <p class="field__hint">{t('card.addressNote')}</p>
      </fieldset>
    </div>
  )
}
