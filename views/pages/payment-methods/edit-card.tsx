import type { CardSummary } from '../../../src/services/billing/billing-profile'
import { AddressFields, type AddressValues } from '../../components/address-fields'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { paneForm, SidePane } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { MaskedCard } from './format'

export type EditCardValues = { expMonth: string; expYear: string; nameOnCard: string; address: AddressValues }

export type EditCardProps = {
  ctx: ViewContext
  asPage?: boolean
  card: CardSummary
  /** Where the form posts (Payment methods' or the billing profile's URL) and where Close goes. */
  action: string
  closeHref: string
  values: EditCardValues
  errors: FieldError[]
}

/** Edit (DESIGN §5): expiry, name on card and address; the number shows masked and cannot change;
 *  the security code is asked every time (always empty), checked by the gateway, then forgotten. */
export function EditCardPane(p: EditCardProps): SafeHtml {
  const { t } = p.ctx
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('paymentMethods.edit')}
      closeHref={p.closeHref}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={p.action} novalidate {...paneForm(p.action, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <div class="field">
          <p class="field__label">{t('paymentMethods.number')}</p>
          <p class="field__value">
            <MaskedCard ctx={p.ctx} card={p.card} />
          </p>
          <p class="field__hint">{t('paymentMethods.numberHint')}</p>
        </div>
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
        </div>
        <TextField
          id="nameOnCard"
          name="nameOnCard"
          label={t('card.nameOnCard')}
          error={e.nameOnCard}
          autocomplete="cc-name"
          value={p.values.nameOnCard}
        />
        <AddressFields ctx={p.ctx} legend={t('paymentMethods.address')} values={p.values.address} errors={e} />
        <TextField
          id="cvc"
          name="cvc"
          label={t('card.cvc')}
          hint={t('paymentMethods.cvcToSave')}
          error={e.cvc}
          autocomplete="cc-csc"
          inputmode="numeric"
          value=""
        />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function EditCardPage(p: EditCardProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('paymentMethods.edit'),
    hasErrors: p.errors.length > 0,
    children: EditCardPane({ ...p, asPage: true }),
  })
}
