import { describe, expect, it } from 'vitest'
import { lineAmount, roundHalfUp } from '../../src/money/money'
import { daysBetween, prorate, termEnd } from '../../src/money/proration'
import { taxOn, taxRateFor } from '../../src/money/tax'

describe('money', () => {
  it('rounds halves away from zero', () => {
    expect(roundHalfUp(5, 2)).toBe(3)
    expect(roundHalfUp(4, 3)).toBe(1)
    expect(roundHalfUp(-5, 2)).toBe(-3)
  })

  it('refuses amounts that are not safe integers', () => {
    expect(() => lineAmount(2 ** 52, 4)).toThrow(RangeError)
  })

  it('taxes by bill-to country in basis points, rounded per line', () => {
    expect(taxRateFor('fr')).toBe(2000)
    expect(taxRateFor('DE')).toBe(1900)
    expect(taxRateFor('US')).toBe(0)
    expect(taxOn(1999, 2000)).toBe(400) // 399.8 → 400
    expect(taxOn(1005, 1900)).toBe(191) // 190.95 → 191
  })

  it('prorates by day', () => {
    expect(prorate(3000, 15, 30)).toBe(1500)
    expect(prorate(1000, 1, 3)).toBe(333)
    expect(prorate(1000, 2, 3)).toBe(667)
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-16T12:00:00Z'))).toBe(16)
  })

  it('ends a monthly term on the same day next month, clamped to the month’s end', () => {
    expect(termEnd(new Date('2026-01-31T00:00:00Z'), 'monthly').toISOString()).toBe('2026-02-28T00:00:00.000Z')
    expect(termEnd(new Date('2026-03-15T09:00:00Z'), 'monthly').toISOString()).toBe('2026-04-15T09:00:00.000Z')
    expect(termEnd(new Date('2028-02-29T00:00:00Z'), 'annual').toISOString()).toBe('2029-02-28T00:00:00.000Z')
  })
})
