import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { AddressFields, type AddressValues } from './address-fields'
import { CsrfField } from './csrf-field'

/** The billing address asked once, before a first purchase (DESIGN §5). */
export function BillingSetupForm(p: {
  ctx: ViewContext
  action: string
  values: AddressValues
  errors: Record<string, string | undefined>
}): SafeHtml {
  const { t } = p.ctx
  return (
    <section aria-labelledby="billing-setup-title">
      <h2 id="billing-setup-title">{t('billingSetup.title')}</h2>
      <p>{t('billingSetup.intro')}</p>
      <form method="post" action={p.action} novalidate>
        <CsrfField ctx={p.ctx} />
        <AddressFields ctx={p.ctx} values={p.values} errors={p.errors} />
        <button type="submit" class="button">
          {t('billingSetup.submit')}
        </button>
      </form>
    </section>
  )
}
