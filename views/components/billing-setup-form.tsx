import { TAX_RATES_BP } from '../../src/money/tax'
import { intlLocale } from '../../src/i18n/index'
import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { SelectField } from './select-field'
import { TextField } from './text-field'
import { CsrfField } from './csrf-field'

export type AddressValues = { line1: string; line2: string; city: string; postalCode: string; country: string }
export const EMPTY_ADDRESS: AddressValues = { line1: '', line2: '', city: '', postalCode: '', country: '' }

/** Countries we know the tax of (DESIGN §6), named in the user's language. */
export function countryOptions(ctx: ViewContext): { value: string; label: string }[] {
  const names = new Intl.DisplayNames([intlLocale(ctx.locale)], { type: 'region' })
  return Object.keys(TAX_RATES_BP)
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => a.label.localeCompare(b.label, intlLocale(ctx.locale)))
}

/** The billing address asked once, before a first purchase (DESIGN §5). */
export function BillingSetupForm(p: {
  ctx: ViewContext
  action: string
  values: AddressValues
  errors: Record<string, string | undefined>
}): SafeHtml {
  const { t } = p.ctx
  const e = p.errors
  return (
    <section aria-labelledby="billing-setup-title">
      <h2 id="billing-setup-title">{t('billingSetup.title')}</h2>
      <p>{t('billingSetup.intro')}</p>
      <form method="post" action={p.action} novalidate>
        <CsrfField ctx={p.ctx} />
        <TextField
          id="line1"
          name="line1"
          label={t('billingSetup.line1')}
          value={p.values.line1}
          error={e.line1}
          autocomplete="address-line1"
        />
        <TextField
          id="line2"
          name="line2"
          label={t('billingSetup.line2')}
          value={p.values.line2}
          error={e.line2}
          autocomplete="address-line2"
        />
        <TextField
          id="city"
          name="city"
          label={t('billingSetup.city')}
          value={p.values.city}
          error={e.city}
          autocomplete="address-level2"
        />
        <TextField
          id="postalCode"
          name="postalCode"
          label={t('billingSetup.postalCode')}
          value={p.values.postalCode}
          error={e.postalCode}
          autocomplete="postal-code"
        />
        <SelectField
          id="country"
          name="country"
          label={t('billingSetup.country')}
          value={p.values.country}
          options={[{ value: '', label: '—' }, ...countryOptions(p.ctx)]}
          error={e.country}
        />
        <button type="submit" class="button">
          {t('billingSetup.submit')}
        </button>
      </form>
    </section>
  )
}
