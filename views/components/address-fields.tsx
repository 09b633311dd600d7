import { regionName } from '../../src/i18n/format'
import { intlLocale } from '../../src/i18n/index'
import { TAX_RATES_BP } from '../../src/money/tax'
import type { ViewContext } from '../context'
import { Fragment, h, type SafeHtml } from '../html'
import { SelectField } from './select-field'
import { TextField } from './text-field'

export type AddressValues = { line1: string; line2: string; city: string; postalCode: string; country: string }
export const EMPTY_ADDRESS: AddressValues = { line1: '', line2: '', city: '', postalCode: '', country: '' }

/** Countries we know the tax of (DESIGN §6), named in the user's language. */
export function countryOptions(ctx: ViewContext): readonly { value: string; label: string }[] {
  // Sorted once per language: every address form shows the same list.
  let options = countriesByLocale.get(ctx.locale)
  if (!options) {
    const collator = new Intl.Collator(intlLocale(ctx.locale))
    options = Object.keys(TAX_RATES_BP)
      .map((code) => ({ value: code, label: regionName(code, ctx.locale) }))
      .sort((a, b) => collator.compare(a.label, b.label))
    countriesByLocale.set(ctx.locale, options)
  }
  return options
}
const countriesByLocale = new Map<string, { value: string; label: string }[]>()

/** An address's fields (sold-to, bill-to, a card's billing address, the first billing address), in a
 *  fieldset of its own when it has a legend. Field ids are the field names, so the error summary links
 *  to them. */
export function AddressFields(p: {
  ctx: ViewContext
  legend?: string
  values: AddressValues
  errors: Record<string, string | undefined>
  hint?: string
}): SafeHtml {
  const { t } = p.ctx
  const e = p.errors
  const fields = (
    <>
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
    </>
  )
  if (p.legend === undefined) return fields
  return (
    <fieldset class="address-fields">
      <legend>{p.legend}</legend>
      {p.hint ? <p class="field__hint">{p.hint}</p> : null}
      {fields}
    </fieldset>
  )
}

/** An address as lines of text (a <br> between them), empty lines left out, the country by name. */
export function AddressLines(p: { ctx: ViewContext; address: AddressValues & { region?: string } }): SafeHtml {
  const a = p.address
  const country = countryOptions(p.ctx).find((c) => c.value === a.country)?.label ?? a.country
  const lines = [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.region ?? '', country].filter(
    (l) => l.trim() !== '',
  )
  return <span class="address">{lines.map((l, i) => (i === 0 ? l : [<br />, l]))}</span>
}
