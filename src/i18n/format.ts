import { intlLocale, type Locale } from './index'

// Money and dates are formatted through Intl in the user's locale (rule 4). Amounts arrive as
// integer minor units; the division below is for display only, never for arithmetic.
const moneyFormats = new Map<string, Intl.NumberFormat>()

export function formatMoney(amount: number, currency: string, locale: Locale): string {
  const key = `${locale}:${currency}`
  let fmt = moneyFormats.get(key)
  if (!fmt) {
    fmt = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency })
    moneyFormats.set(key, fmt)
  }
  const digits = fmt.resolvedOptions().maximumFractionDigits ?? 2
  return fmt.format(amount / 10 ** digits)
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

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(n)
}

/** A rate in basis points as a percentage in the locale (2000 → "20%" / "20 %"). */
export function formatPercentBp(bp: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 2 }).format(bp / 10_000)
}

// An instant with its time, for the audit log: in UTC and saying so ("25 November 2026 at 10:00:05 UTC").
const dateTimeFormats: Record<Locale, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat(intlLocale('fr'), { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat(intlLocale('en'), { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' }),
}

export function formatDateTime(at: Date, locale: Locale): string {
  return dateTimeFormats[locale].format(at)
}
