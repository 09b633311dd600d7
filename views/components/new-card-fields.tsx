import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { TextField } from './text-field'

export type NewCardValues = { expMonth: string; expYear: string; nameOnCard: string }
export const EMPTY_CARD: NewCardValues = { expMonth: '', expYear: '', nameOnCard: '' }

/** A new card's fields (DESIGN §5). The number and the security code are always rendered empty, even
 *  after an error: they are never echoed back. */
export function NewCardFields(p: {
  ctx: ViewContext
  values: NewCardValues
  errors: Record<string, string | undefined>
}): SafeHtml {
  const { t } = p.ctx
  const e = p.errors
  return (
    <div class="new-card">
      <TextField
        id="cardNumber"
        name="cardNumber"
        label={t('card.number')}
        error={e.cardNumber}
        autocomplete="cc-number"
        inputmode="numeric"
        value=""
      />
      <div class="field-row">
        <TextField
          id="expMonth"
          name="expMonth"
          label={t('card.expMonth')}
          error={e.expMonth}
          autocomplete="cc-exp-month"
          inputmode="numeric"
          value={p.values.expMonth}
        />
        <TextField
          id="expYear"
          name="expYear"
          label={t('card.expYear')}
          error={e.expYear}
          autocomplete="cc-exp-year"
          inputmode="numeric"
          value={p.values.expYear}
        />
        <TextField
          id="cvc"
          name="cvc"
          label={t('card.cvc')}
          hint={t('card.cvcHint')}
          error={e.cvc}
          autocomplete="cc-csc"
          inputmode="numeric"
          value=""
        />
      </div>
      <TextField
        id="nameOnCard"
        name="nameOnCard"
        label={t('card.nameOnCard')}
        error={e.nameOnCard}
        autocomplete="cc-name"
        value={p.values.nameOnCard}
      />
    </div>
  )
}
