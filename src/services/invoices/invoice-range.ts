import { DAY_MS } from '../../money/proration'
import { INVOICE_RANGE_MAX_MONTHS, INVOICE_RANGE_PRESET_MONTHS } from '../../rules'

/** The Invoices tab's range as the URL holds it (DESIGN §6): a preset, or dates typed as yyyy-mm-dd. */
export type InvoiceRange = { kind: 'past3' } | { kind: 'past6' } | { kind: 'custom'; from: string; to: string }
export const DEFAULT_RANGE: InvoiceRange = { kind: 'past3' }

/** Instants from `start` (inclusive) to `end` (exclusive, none for a preset: up to now and anything
 *  issued at this very instant), as the query compares `issued_at`. */
export type ResolvedRange = { start: Date; end: Date | null }

/** Why a specified range cannot be shown; each names the field the user fixes. */
export type RangeProblem =
  | { field: 'from'; refusal: 'from_missing' | 'from_invalid' }
  | { field: 'to'; refusal: 'to_missing' | 'to_invalid' | 'start_after_end' | 'range_too_long' }

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** A real calendar day at 00:00 UTC, or null: 2026-02-30 and 2026-13-01 are not days. */
export function parseDay(text: string): Date | null {
  const m = ISO_DAY.exec(text)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const day = new Date(Date.UTC(y, mo - 1, d))
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return null
  return day
}

/** `at` moved by whole calendar months (UTC), clamped to the month's last day (31 May − 3 = 28/29 Feb). */
export function addMonths(at: Date, months: number): Date {
  const y = at.getUTCFullYear()
  const m = at.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const d = new Date(at)
  d.setUTCFullYear(y, m, Math.min(at.getUTCDate(), lastDay))
  return d
}

/**
 * The instants a range covers as of `now`. A preset is the last 3 or 6 calendar months up to now; a
 * specified range runs from its first day's start to its last day's end, both dates included, and
 * must hold real dates, start ≤ end and at most INVOICE_RANGE_MAX_MONTHS months (§6). Every problem
 * is returned, so the error summary lists them all at once.
 */
export function resolveInvoiceRange(
  range: InvoiceRange,
  now: Date,
): { ok: true; value: ResolvedRange } | { ok: false; problems: RangeProblem[] } {
  if (range.kind !== 'custom') {
    return { ok: true, value: { start: addMonths(now, -INVOICE_RANGE_PRESET_MONTHS[range.kind]), end: null } }
  }
  const problems: RangeProblem[] = []
  const from = parseDay(range.from)
  const to = parseDay(range.to)
  if (!from) problems.push({ field: 'from', refusal: range.from === '' ? 'from_missing' : 'from_invalid' })
  if (!to) problems.push({ field: 'to', refusal: range.to === '' ? 'to_missing' : 'to_invalid' })
  if (from && to) {
    const end = new Date(to.getTime() + DAY_MS)
    if (from > to) problems.push({ field: 'to', refusal: 'start_after_end' })
    else if (end > addMonths(from, INVOICE_RANGE_MAX_MONTHS)) problems.push({ field: 'to', refusal: 'range_too_long' })
    else return { ok: true, value: { start: from, end } }
  }
  return { ok: false, problems }
}

/** The yyyy-mm-dd of an instant (UTC). */
const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** The longest range a user may specify, ending today: "Past 24 months". */
export function longestRange(now: Date): InvoiceRange {
  const to = isoDay(now)
  // Both days count: start the day after the same date 24 months ago, later if month ends clamp it.
  let from = new Date(addMonths(parseDay(to)!, -INVOICE_RANGE_MAX_MONTHS).getTime() + DAY_MS)
  while (!resolveInvoiceRange({ kind: 'custom', from: isoDay(from), to }, now).ok)
    from = new Date(from.getTime() + DAY_MS)
  return { kind: 'custom', from: isoDay(from), to }
}

/** What an empty range offers instead (§6): each range that looks further back than this one. */
export type WiderRange = { label: 'past6' | 'past24'; range: InvoiceRange }
export function widerRanges(range: InvoiceRange, now: Date): WiderRange[] {
  const past24: WiderRange = { label: 'past24', range: longestRange(now) }
  if (range.kind === 'past3') return [{ label: 'past6', range: { kind: 'past6' } }, past24]
  const longest = past24.range as Extract<InvoiceRange, { kind: 'custom' }>
  if (range.kind === 'custom' && range.from <= longest.from && range.to >= longest.to) return []
  return [past24]
}
