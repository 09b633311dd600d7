import { lineAmount } from './money'
import { daysBetween, prorate, termEnd } from './proration'
import { taxOn, taxRateFor } from './tax'

export type Frequency = 'monthly' | 'annual'

/** One priced invoice line: what a charge or a credit note is for, taxed by bill-to country. */
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

function priced(
  line: { unitPrice: number; quantity: number; currency: string },
  subtotal: number,
  country: string,
  periodStart: Date,
  periodEnd: Date,
): Quote {
  const taxRateBp = taxRateFor(country)
  const tax = taxOn(subtotal, taxRateBp)
  return { ...line, subtotal, taxRateBp, tax, total: subtotal + tax, periodStart, periodEnd }
}

/** The price of one term: quantity × the unit price for the frequency, taxed by bill-to country. */
export function quoteTerm(
  product: { monthlyPrice: number; annualPrice: number; currency: string },
  o: { frequency: Frequency; quantity: number; country: string; start: Date },
): Quote {
  const unitPrice = o.frequency === 'monthly' ? product.monthlyPrice : product.annualPrice
  const line = { unitPrice, quantity: o.quantity, currency: product.currency }
  return priced(line, lineAmount(unitPrice, o.quantity), o.country, o.start, termEnd(o.start, o.frequency))
}

/**
 * The rest of a term, from `now` to its end, for `quantity` licences at the term's unit price:
 * what adding licences charges, and what removing licences or cancelling credits (DESIGN §3).
 * Prorated by whole days (a started day counts), rounded half up, then taxed.
 */
export function quoteRestOfTerm(
  term: { unitPrice: number; currency: string; termStart: Date; termEnd: Date },
  o: { quantity: number; country: string; now: Date },
): Quote {
  const termDays = daysBetween(term.termStart, term.termEnd)
  const remainingDays = Math.min(termDays, daysBetween(o.now, term.termEnd))
  const subtotal = prorate(lineAmount(term.unitPrice, o.quantity), remainingDays, termDays)
  const line = { unitPrice: term.unitPrice, quantity: o.quantity, currency: term.currency }
  return priced(line, subtotal, o.country, o.now, term.termEnd)
}
