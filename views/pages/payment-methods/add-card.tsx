import { AddressFields, type AddressValues } from '../../components/address-fields'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { NewCardFields, type NewCardValues } from '../../components/new-card-fields'
import { paneForm, SidePane } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { addPaymentMethodUrl, paymentMethodsUrl } from '../../urls'

export type AddCardProps = {
  ctx: ViewContext
  asPage?: boolean
  /** The form's key: sending it twice saves one card; a new key after a refusal. */
  formKey: string
  values: NewCardValues & { address: AddressValues }
  errors: FieldError[]
}

/** Add a payment method → Credit or debit card (DESIGN §5): the card and its billing address, Save. */
export function AddCardPane(p: AddCardProps): SafeHtml {
  const { t } = p.ctx
  const url = addPaymentMethodUrl()
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('paymentMethods.add')}
      closeHref={paymentMethodsUrl()}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="idempotencyKey" value={p.formKey} />
        <fieldset>
          <legend>{t('paymentMethods.addCard')}</legend>
          <NewCardFields ctx={p.ctx} values={p.values} errors={e} />
        </fieldset>
        <AddressFields ctx={p.ctx} legend={t('paymentMethods.address')} values={p.values.address} errors={e} />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function AddCardPage(p: AddCardProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('paymentMethods.add'),
    hasErrors: p.errors.length > 0,
    children: AddCardPane({ ...p, asPage: true }),
  })
}
