/** The one source of "now" (DESIGN §7): services get it injected; tests and tools set it. */
export type Clock = { now(): Date }

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stands still until told to move; for tests and the jobs CLI's --as-of. */
export function fixedClock(
  start: Date | string,
): Clock & { set(at: Date | string): void; advanceDays(days: number): void } {
  let at = new Date(start)
  return {
    now: () => new Date(at),
    set: (d) => {
      at = new Date(d)
    },
    advanceDays: (days) => {
      at = new Date(at.getTime() + days * 86_400_000)
    },
  }
}
