import { intlLocale, type Locale } from './index'

// Money and dates are formatted through Intl in the user's locale (rule 4). Amounts arrive as
// integer minor units; the division below is for display only, never for arithmetic.
// Each formatter is built once per locale (and currency) and kept: building one costs far more than
// formatting with it, and a page formats dozens of amounts (issue 15's profile).
const moneyFormats = new Map<string, { fmt: Intl.NumberFormat; scale: number }>()

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`
  let money = moneyFormats.get(key)
  if (!money) {
    const fmt = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency })
    money = { fmt, scale: 10 ** (fmt.resolvedOptions().maximumFractionDigits ?? 2) }
    moneyFormats.set(key, money)
  }
  return money.fmt.format(amount / money.scale)
}

// Dates are shown in UTC: terms and invoices are dated in UTC, so a renewal date never shifts
// by a day with the viewer's time zone.
const dateFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(intlLocale('fr'), { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(intlLocale('en'), { dateStyle: 'long', timeZone: 'UTC' }),
}

export function formatDate(date: Date, locale: Locale): string {
  return dateFormats[locale].format(date)
}

/** yyyy-mm-dd, for `<time datetime>` and CSV. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(intlLocale('fr')),
  en: new Intl.NumberFormat(intlLocale('en')),
}

export function formatNumber(n: number, locale: Locale): string {
  return numberFormats[locale].format(n)
}

const percentFormats: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat(intlLocale('fr'), { style: 'percent', maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat(intlLocale('en'), { style: 'percent', maximumFractionDigits: 2 }),
}

/** A rate in basis points as a percentage in the locale (2000 → "20%" / "20 %"). */
export function formatPercentBp(bp: number, locale: Locale): string {
  return percentFormats[locale].format(bp / 10_000)
}

// An instant with its time, for the audit log: in UTC and saying so ("25 November 2026 at 10:00:05 UTC").
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(intlLocale('fr'), { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(intlLocale('en'), { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }),
}

export function formatDateTime(at: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(at)
}

const regionNames: Record<Locale, Intl.DisplayNames> = {
  fr: new Intl.DisplayNames([intlLocale('fr')], { type: 'region' }),
  en: new Intl.DisplayNames([intlLocale('en')], { type: 'region' }),
}

/** A country's name in the locale, from its ISO code ("FR" → "France"); the code when Intl has none. */
export function regionName(code: string, locale: Locale): string {
  return regionNames[locale].of(code) ?? code
}

const listFormats: Record<Locale, Intl.ListFormat> = {
  fr: new Intl.ListFormat(intlLocale('fr'), { type: 'conjunction' }),
  en: new Intl.ListFormat(intlLocale('en'), { type: 'conjunction' }),
}

/** Items joined as the locale writes a list ("A, B and C" / "A, B et C"). */
export function formatList(items: string[], locale: Locale): string {
  return listFormats[locale].format(items)
}

const currencyDigitsCache = new Map<string, number>()

/** How many minor-unit digits a currency has (EUR 2, JPY 0), as Intl knows it. */
export function currencyDigits(currency: string): number {
  let digits = currencyDigitsCache.get(currency)
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    currencyDigitsCache.set(currency, digits)
  }
  return digits
}
