// Money is an integer number of minor units plus an ISO 4217 code (DESIGN rule 5). No floats.
export type Money = { amount: number; currency: string }

export function money(amount: number, currency: string): Money {
  if (!Number.isSafeInteger(amount))
    throw new RangeError(`money amount must be an integer of minor units, got ${amount}`)
  return { amount, currency }
}

/** Rounds a non-negative rational numerator/denominator to the nearest integer, halves away from zero. */
export function roundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive')
  const sign = numerator < 0 ? -1 : 1
  const n = Math.abs(numerator)
  const q = Math.floor(n / denominator)
  const r = n - q * denominator
  return sign * (2 * r >= denominator ? q + 1 : q)
}

/** unit × quantity, checked to stay a safe integer. */
export function lineAmount(unitPrice: number, quantity: number): number {
  const amount = unitPrice * quantity
  if (!Number.isSafeInteger(amount)) throw new RangeError('amount overflow')
  return amount
}
