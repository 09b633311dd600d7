import { describe, expect, it } from 'vitest'
import { longestRange, parseDay, resolveInvoiceRange, widerRanges } from '../../src/services/invoices/invoice-range'

const now = new Date('2026-11-25T10:00:00Z')
const custom = (from: string, to: string) => ({ kind: 'custom' as const, from, to })

describe('invoice ranges', () => {
  it('reads Past 3 and Past 6 months as calendar months back from now, with no end', () => {
    expect(resolveInvoiceRange({ kind: 'past3' }, now)).toEqual({
      ok: true,
      value: { start: new Date('2026-08-25T10:00:00Z'), end: null },
    })
    expect(resolveInvoiceRange({ kind: 'past6' }, now)).toEqual({
      ok: true,
      value: { start: new Date('2026-05-25T10:00:00Z'), end: null },
    })
  })

  it('includes both days of a specified range', () => {
    expect(resolveInvoiceRange(custom('2026-03-01', '2026-03-31'), now)).toEqual({
      ok: true,
      value: { start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-04-01T00:00:00Z') },
    })
  })

  it('refuses days that do not exist, naming the field', () => {
    expect(parseDay('2026-02-30')).toBeNull()
    expect(parseDay('2026-13-01')).toBeNull()
    expect(parseDay('2028-02-29')).toEqual(new Date('2028-02-29T00:00:00Z'))
    expect(resolveInvoiceRange(custom('2026-02-30', 'soon'), now)).toEqual({
      ok: false,
      problems: [
        { field: 'from', refusal: 'from_invalid' },
        { field: 'to', refusal: 'to_invalid' },
      ],
    })
    expect(resolveInvoiceRange(custom('', ''), now)).toEqual({
      ok: false,
      problems: [
        { field: 'from', refusal: 'from_missing' },
        { field: 'to', refusal: 'to_missing' },
      ],
    })
  })

  it('refuses a start after the end, and more than 24 months', () => {
    expect(resolveInvoiceRange(custom('2026-05-02', '2026-05-01'), now)).toEqual({
      ok: false,
      problems: [{ field: 'to', refusal: 'start_after_end' }],
    })
    expect(resolveInvoiceRange(custom('2024-01-01', '2025-12-31'), now).ok).toBe(true)
    expect(resolveInvoiceRange(custom('2024-01-01', '2026-01-01'), now)).toEqual({
      ok: false,
      problems: [{ field: 'to', refusal: 'range_too_long' }],
    })
  })

  it('offers wider ranges for an empty one, ending with the longest allowed', () => {
    expect(longestRange(now)).toEqual(custom('2024-11-26', '2026-11-25'))
    expect(resolveInvoiceRange(longestRange(new Date('2028-02-28T12:00:00Z')), now).ok).toBe(true)
    expect(widerRanges({ kind: 'past3' }, now).map((w) => w.label)).toEqual(['past6', 'past24'])
    expect(widerRanges({ kind: 'past6' }, now).map((w) => w.label)).toEqual(['past24'])
    expect(widerRanges(custom('2024-11-26', '2026-11-25'), now)).toEqual([])
  })
})
