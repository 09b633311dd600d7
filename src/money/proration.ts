import { roundHalfUp } from './money'

export const DAY_MS = 86_400_000

/** Whole days between two instants, counting a started day (term arithmetic is by day, DESIGN §3). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.ceil((to.getTime() - from.getTime()) / DAY_MS))
}

/** The share of `amount` for `remainingDays` of a `termDays` term, rounded half up to the minor unit. */
export function prorate(amount: number, remainingDays: number, termDays: number): number {
  if (termDays <= 0) return 0
  return roundHalfUp(amount * Math.min(remainingDays, termDays), termDays)
}

/** The end of a term that starts at `start`: one calendar month or year later (UTC),
 *  clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function termEnd(start: Date, frequency: 'monthly' | 'annual'): Date {
  const months = frequency === 'monthly' ? 1 : 12
  const y = start.getUTCFullYear()
  const m = start.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  const d = new Date(start)
  d.setUTCFullYear(y, m, Math.min(start.getUTCDate(), lastDay))
  return d
}
