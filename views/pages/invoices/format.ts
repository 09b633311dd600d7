import type { AddressSnapshot } from '../../../src/db/schema/index'
import { currencyDigits, formatDate, regionName } from '../../../src/i18n/format'
import type { Locale, Translate } from '../../../src/i18n/index'
import { INVOICE_TITLES } from '../../../src/i18n/labels'
import type { InvoiceRange } from '../../../src/services/invoices/invoice-range'

// Text the invoice page, its PDF, the CSV export and the email share, so all four say the same.

/** "Invoice 12" or "Credit note 13". */
export function documentTitle(t: Translate, d: { kind: 'invoice' | 'credit_note'; number: number }): string {
  return t(INVOICE_TITLES[d.kind], { number: d.number })
}

/** "1 March 2026 to 31 March 2026": a billing period or a line's service dates. */
export function periodText(t: Translate, locale: Locale, start: Date, end: Date): string {
  return t('invoice.periodValue', { start: formatDate(start, locale), end: formatDate(end, locale) })
}

/** An address as its lines, empty ones left out, the country by name in the locale; the tax id last. */
export function addressLines(t: Translate, locale: Locale, a: AddressSnapshot): string[] {
  const country = regionName(a.country, locale)
  return [
    a.name,
    a.line1,
    a.line2,
    [a.postalCode, a.city].filter(Boolean).join(' '),
    a.region,
    country,
    a.taxId ? t('invoice.taxId', { taxId: a.taxId }) : '',
  ].filter((l) => l.trim() !== '')
}

/** What the list shows above the rows: the range in words. */
export function rangeText(t: Translate, locale: Locale, range: InvoiceRange): string {
  if (range.kind !== 'custom') return t(`invoices.shown.${range.kind}`)
  return t('invoices.shown.custom', { from: dayText(range.from, locale), to: dayText(range.to, locale) })
}

/** A yyyy-mm-dd day (already checked) as the locale writes it. */
export function dayText(iso: string, locale: Locale): string {
  return formatDate(new Date(`${iso}T00:00:00Z`), locale)
}

/** An amount in minor units as a plain decimal for a spreadsheet ("-12.50"), whatever the locale. */
export function decimalAmount(amount: number, currency: string): string {
  const digits = currencyDigits(currency)
  const sign = amount < 0 ? '-' : ''
  const abs = Math.abs(amount)
  if (digits === 0) return `${sign}${abs}`
  const unit = 10 ** digits
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, '0')}`
}
