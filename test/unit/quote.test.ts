import { describe, expect, it } from 'vitest'
import { quoteRestOfTerm, quoteTerm } from '../../src/money/quote'

const product = { monthlyPrice: 1250, annualPrice: 12_500, currency: 'EUR' }
const start = new Date('2026-01-31T10:00:00Z')

describe('quoteTerm', () => {
  it('prices a monthly term at the monthly price, taxed by the bill-to country', () => {
    expect(quoteTerm(product, { frequency: 'monthly', quantity: 3, country: 'FR', start })).toEqual({
      unitPrice: 1250,
      quantity: 3,
      currency: 'EUR',
      subtotal: 3750,
      taxRateBp: 2000,
      tax: 750,
      total: 4500,
      periodStart: start,
      // 31 January plus one month is the last day of February.
      periodEnd: new Date('2026-02-28T10:00:00Z'),
    })
  })

  it('prices an annual term at the annual price, untaxed where the rate is 0', () => {
    const q = quoteTerm(product, { frequency: 'annual', quantity: 2, country: 'US', start })
    expect(q).toMatchObject({ unitPrice: 12_500, subtotal: 25_000, tax: 0, total: 25_000 })
    expect(q.periodEnd).toEqual(new Date('2027-01-31T10:00:00Z'))
  })
})

describe('quoteRestOfTerm', () => {
  const term = {
    unitPrice: 3000,
    currency: 'EUR',
    termStart: new Date('2026-04-01T00:00:00Z'),
    termEnd: new Date('2026-05-01T00:00:00Z'),
  }

  it('prorates the licences by whole days left in the term, then taxes the prorated amount', () => {
    const now = new Date('2026-04-16T00:00:00Z') // 15 of 30 days left
    expect(quoteRestOfTerm(term, { quantity: 2, country: 'DE', now })).toEqual({
      unitPrice: 3000,
      quantity: 2,
      currency: 'EUR',
      subtotal: 3000,
      taxRateBp: 1900,
      tax: 570,
      total: 3570,
      periodStart: now,
      periodEnd: term.termEnd,
    })
  })

  it('counts a started day as a whole one and rounds half up to the cent', () => {
    // 1 day and a bit left: 2 of 30 days of 1,000 is 66.67 → 67.
    const now = new Date('2026-04-29T12:00:00Z')
    expect(quoteRestOfTerm({ ...term, unitPrice: 1000 }, { quantity: 1, country: 'US', now }).subtotal).toBe(67)
  })

  it('never credits more than the whole term, even before it starts', () => {
    const now = new Date('2026-03-20T00:00:00Z')
    expect(quoteRestOfTerm(term, { quantity: 1, country: 'US', now }).subtotal).toBe(3000)
  })

  it('is nothing once the term is over', () => {
    expect(quoteRestOfTerm(term, { quantity: 5, country: 'FR', now: term.termEnd }).total).toBe(0)
  })
})
