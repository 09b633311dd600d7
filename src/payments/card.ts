// Card input checks done before the gateway sees a card (DESIGN §5). The full number and the
// security code only pass through here and the gateway's tokenize: nothing returns them.

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'unknown'

export type CardInput = {
  number: string
  expMonth: string
  expYear: string
  cvc: string
  nameOnCard: string
}

export type CardField = 'cardNumber' | 'expMonth' | 'expYear' | 'cvc' | 'nameOnCard'
export type CardProblem =
  | 'number_required'
  | 'number_invalid'
  | 'exp_month_invalid'
  | 'exp_year_invalid'
  | 'expired'
  | 'cvc_required'
  | 'cvc_invalid'
  | 'name_required'

/** A card that passed the checks, still holding its number and code: hand it only to the gateway. */
export type CheckedCard = {
  number: string
  cvc: string
  brand: CardBrand
  last4: string
  expMonth: number
  expYear: number
  nameOnCard: string
}

export const MAX_NAME_ON_CARD = 100

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return 'visa'
  if (/^3[47]/.test(digits)) return 'amex'
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return 'mastercard'
  if (/^(6011|65|64[4-9])/.test(digits)) return 'discover'
  return 'unknown'
}

export function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** Checks a card: Luhn, expiry not past (end of the expiry month, UTC), code 3 digits (4 for
 *  Amex), name present. Answers the card or each field's problem. */
export function checkCard(
  input: CardInput,
  now: Date,
): { ok: true; card: CheckedCard } | { ok: false; problems: Partial<Record<CardField, CardProblem>> } {
  const problems: Partial<Record<CardField, CardProblem>> = {}
  const digits = input.number.replace(/[\s-]/g, '')
  if (digits === '') problems.cardNumber = 'number_required'
  else if (!/^\d{12,19}$/.test(digits) || !passesLuhn(digits)) problems.cardNumber = 'number_invalid'

  const expiry = checkExpiry(input.expMonth, input.expYear, now)
  Object.assign(problems, expiry.problems)
  const { month, year } = expiry

  const brand = brandOf(digits)
  const cvc = input.cvc.trim()
  const cvcProblem = checkCvc(brand, cvc)
  if (cvcProblem) problems.cvc = cvcProblem

  const nameOnCard = input.nameOnCard.trim()
  if (nameOnCard === '' || nameOnCard.length > MAX_NAME_ON_CARD) problems.nameOnCard = 'name_required'

  if (Object.keys(problems).length) return { ok: false, problems }
  return {
    ok: true,
    card: { number: digits, cvc, brand, last4: digits.slice(-4), expMonth: month, expYear: year, nameOnCard },
  }
}

/** An expiry as typed (month 1–12, year as YY or YYYY within 20 years), not past: the card works to
 *  the end of its month (UTC). Used when a card is added and when its expiry is edited. */
export function checkExpiry(
  expMonth: string,
  expYear: string,
  now: Date,
): { month: number; year: number; problems: Partial<Record<'expMonth' | 'expYear', CardProblem>> } {
  const problems: Partial<Record<'expMonth' | 'expYear', CardProblem>> = {}
  const month = /^\d{1,2}$/.test(expMonth.trim()) ? Number(expMonth) : NaN
  let year = /^\d{2}$|^\d{4}$/.test(expYear.trim()) ? Number(expYear) : NaN
  if (year < 100) year += 2000
  if (!(month >= 1 && month <= 12)) problems.expMonth = 'exp_month_invalid'
  if (!(year >= 2000 && year <= now.getUTCFullYear() + 20)) problems.expYear = 'exp_year_invalid'
  if (!problems.expMonth && !problems.expYear && Date.UTC(year, month, 1) <= now.getTime())
    problems.expMonth = 'expired'
  return { month, year, problems }
}

/** A security code's problem, if any: 3 digits, or 4 for American Express. */
export function checkCvc(brand: string, cvc: string): CardProblem | null {
  if (cvc.trim() === '') return 'cvc_required'
  return (brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(cvc.trim()) ? null : 'cvc_invalid'
}

/** "Expires soon" is shown this many days before a card's expiry (issue 12). */
export const EXPIRES_SOON_DAYS = 60

export type ExpiryStatus = 'valid' | 'expires_soon' | 'expired'

/** Whether a saved card still works: it expires at the end of its month (UTC), and is said to expire
 *  soon within EXPIRES_SOON_DAYS of that. */
export function expiryStatus(expMonth: number, expYear: number, now: Date): ExpiryStatus {
  const end = Date.UTC(expYear, expMonth, 1)
  if (end <= now.getTime()) return 'expired'
  return end - now.getTime() <= EXPIRES_SOON_DAYS * 86_400_000 ? 'expires_soon' : 'valid'
}
