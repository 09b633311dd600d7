import type { Locale, Translate } from '../../../src/i18n/index'
import { formatDate, formatMoney } from '../../../src/i18n/format'

type Priced = { unitPrice: number; currency: string; billingFrequency: 'monthly' | 'annual' }
type Dated = { status: string; termEnd: Date; trialEndsAt: Date | null; autoRenew: boolean }

/** "€10.00 license/month": the price is per licence per billing period. */
export function pricePerLicense(t: Translate, locale: Locale, s: Priced): string {
  const price = formatMoney(s.unitPrice, s.currency, locale)
  return t(s.billingFrequency === 'monthly' ? 'price.perMonth' : 'price.perYear', { price })
}

/** The one date a user needs for a subscription: when it renews, expires, or its trial ends. */
export function keyDate(t: Translate, locale: Locale, s: Dated): string {
  if (s.status === 'trial' && s.trialEndsAt) return t('products.trialEnds', { date: formatDate(s.trialEndsAt, locale) })
  const date = formatDate(s.termEnd, locale)
  if (s.status === 'active') return t(s.autoRenew ? 'products.renews' : 'products.expires', { date })
  return t('products.ended', { date })
}
