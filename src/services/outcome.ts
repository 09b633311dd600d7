// A service's answer: the value, or a refusal code that only the catalog turns into words (STYLE §3).
// `details` carries the numbers a message needs ("3 available, 5 chosen"), never words.
export type Details = Record<string, string | number>
export type Outcome<T, R extends string> = { ok: true; value: T } | { ok: false; refusal: R; details?: Details }

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const refuse = <R extends string>(
  refusal: R,
  details?: Details,
): { ok: false; refusal: R; details?: Details } => (details ? { ok: false, refusal, details } : { ok: false, refusal })
