// A service's answer: the value, or a refusal code that only the catalog turns into words (STYLE §3).
export type Outcome<T, R extends string> = { ok: true; value: T } | { ok: false; refusal: R }

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const refuse = <R extends string>(refusal: R): { ok: false; refusal: R } => ({ ok: false, refusal })
