import { roundHalfUp } from './money'

// DESIGN §6: a tax rate per bill-to country, in basis points (2000 = 20 %).
export const TAX_RATES_BP: Readonly<Record<string, number>> = {
  FR: 2000,
  DE: 1900,
  GB: 2000,
  US: 0,
  BE: 2100,
  ES: 2100,
  IT: 2200,
  NL: 2100,
  CA: 500,
}
export const DEFAULT_TAX_RATE_BP = 0

export function taxRateFor(country: string): number {
  return TAX_RATES_BP[country.toUpperCase()] ?? DEFAULT_TAX_RATE_BP
}

/** Tax on one line, rounded to the minor unit, half up (the usual invoice rule: per line). */
export function taxOn(amount: number, rateBp: number): number {
  return roundHalfUp(amount * rateBp, 10_000)
}
