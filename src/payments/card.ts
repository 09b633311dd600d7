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

  const month = /^\d{1,2}$/.test(input.expMonth.trim()) ? Number(input.expMonth) : NaN
  let year = /^\d{2}$|^\d{4}$/.test(input.expYear.trim()) ? Number(input.expYear) : NaN
  if (year < 100) year += 2000
  if (!(month >= 1 && month <= 12)) problems.expMonth = 'exp_month_invalid'
  if (!(year >= 2000 && year <= now.getUTCFullYear() + 20)) problems.expYear = 'exp_year_invalid'
  if (!problems.expMonth && !problems.expYear && Date.UTC(year, month, 1) <= now.getTime())
    problems.expMonth = 'expired'

  const brand = brandOf(digits)
  const cvc = input.cvc.trim()
  if (cvc === '') problems.cvc = 'cvc_required'
  else if (!(brand === 'amex' ? /^\d{4}$/ : /^\d{3}$/).test(cvc)) problems.cvc = 'cvc_invalid'

  const nameOnCard = input.nameOnCard.trim()
  if (nameOnCard === '' || nameOnCard.length > MAX_NAME_ON_CARD) problems.nameOnCard = 'name_required'

  if (Object.keys(problems).length) return { ok: false, problems }
  return {
    ok: true,
    card: { number: digits, cvc, brand, last4: digits.slice(-4), expMonth: month, expYear: year, nameOnCard },
  }
}
