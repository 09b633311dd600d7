import { lineAmount } from '../../money/money'
import { termEnd } from '../../money/proration'
import { taxOn, taxRateFor } from '../../money/tax'

export type Frequency = 'monthly' | 'annual'

export type Quote = {
  unitPrice: number
  quantity: number
  currency: string
  subtotal: number
  taxRateBp: number
  tax: number
  total: number
  periodStart: Date
  periodEnd: Date
}

/** The price of one term: quantity × the unit price for the frequency, taxed by bill-to country. */
export function quoteTerm(
  product: { monthlyPrice: number; annualPrice: number; currency: string },
  o: { frequency: Frequency; quantity: number; country: string; start: Date },
): Quote {
  const unitPrice = o.frequency === 'monthly' ? product.monthlyPrice : product.annualPrice
  const subtotal = lineAmount(unitPrice, o.quantity)
  const taxRateBp = taxRateFor(o.country)
  const tax = taxOn(subtotal, taxRateBp)
  return {
    unitPrice,
    quantity: o.quantity,
    currency: product.currency,
    subtotal,
    taxRateBp,
    tax,
    total: subtotal + tax,
    periodStart: o.start,
    periodEnd: termEnd(o.start, o.frequency),
  }
}
