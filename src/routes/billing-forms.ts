import { z } from 'zod'
import type { AddressValues } from '../../views/components/address-fields'
import type { FieldError } from '../../views/components/error-summary'
import type { NewCardValues } from '../../views/components/new-card-fields'
import { fieldErrors } from '../http/field-errors'
import type { Translate } from '../i18n/index'
import { CARD_PROBLEM_MESSAGES } from '../i18n/refusals'
import { TAX_RATES_BP } from '../money/tax'
import { type CardField, type CheckedCard, checkCard } from '../payments/card'
import type { DeclineReason } from '../payments/gateway'
import type { AddressInput } from '../services/billing/set-up-billing'

// The forms of the billing pages (accounts, profiles, payment methods): what each field may hold, and
// the values a form shows again (never a card number or security code).

export type Body = Record<string, unknown>

/** A posted field as text, cut to `max` (a form never needs more; the body limit bounds the rest). */
export const str = (body: Body, key: string, max = 200): string =>
  typeof body[key] === 'string' ? (body[key] as string).slice(0, max) : ''

const required = (key: string, max = 200, tooLong = 'billingSetup.tooLong') =>
  z.string(key).trim().min(1, key).max(max, tooLong)

export const AddressForm = z.object({
  line1: required('billingSetup.line1Required'),
  line2: z.string().trim().max(200, 'billingSetup.tooLong').default(''),
  city: required('billingSetup.cityRequired'),
  postalCode: required('billingSetup.postalCodeRequired', 20),
  country: z.string('billingSetup.countryRequired').refine((v) => v in TAX_RATES_BP, 'billingSetup.countryRequired'),
})

/** An address as typed, to show again. */
export function addressValues(body: Body): AddressValues {
  return {
    line1: str(body, 'line1'),
    line2: str(body, 'line2'),
    city: str(body, 'city'),
    postalCode: str(body, 'postalCode'),
    country: str(body, 'country', 2),
  }
}

/** A parsed form: the value, or the error summary's entries (one per field, in the reader's words). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] }

export function parseWith<T>(schema: z.ZodType<T>, body: Body, t: Translate): Parsed<T> {
  const out = schema.safeParse(body)
  return out.success ? { ok: true, value: out.data } : { ok: false, errors: fieldErrors(t, out.error) }
}

export function parseAddress(body: Body, t: Translate): Parsed<AddressInput> {
  return parseWith(AddressForm, body, t)
}

/** Both parts of a form: the value when both are valid, else every field's error in form order. */
export function both<A, B>(a: Parsed<A>, b: Parsed<B>): Parsed<[A, B]> {
  if (a.ok && b.ok) return { ok: true, value: [a.value, b.value] }
  return { ok: false, errors: [...(a.ok ? [] : a.errors), ...(b.ok ? [] : b.errors)] }
}

/** A new card's fields as they may be shown again: never the number or the code. */
export function newCardValues(body: Body): NewCardValues {
  return { expMonth: str(body, 'expMonth', 4), expYear: str(body, 'expYear', 4), nameOnCard: str(body, 'nameOnCard') }
}

const CARD_FIELDS: CardField[] = ['cardNumber', 'expMonth', 'expYear', 'cvc', 'nameOnCard']

/** A new card checked field by field (Luhn, expiry in the future, code, name: DESIGN §5). */
export function parseNewCard(body: Body, now: Date, t: Translate): Parsed<CheckedCard> {
  const checked = checkCard(
    {
      number: str(body, 'cardNumber', 40),
      expMonth: str(body, 'expMonth', 4),
      expYear: str(body, 'expYear', 4),
      cvc: str(body, 'cvc', 8),
      nameOnCard: str(body, 'nameOnCard'),
    },
    now,
  )
  if (checked.ok) return { ok: true, value: checked.card }
  return {
    ok: false,
    errors: CARD_FIELDS.flatMap((f) => {
      const problem = checked.problems[f]
      return problem ? [{ field: f, message: t(CARD_PROBLEM_MESSAGES[problem]) }] : []
    }),
  }
}

/** The field a gateway's answer about a card belongs to, for the error summary's link. */
export function declineField(decline: DeclineReason): CardField {
  if (decline === 'incorrect_cvc') return 'cvc'
  if (decline === 'expired_card') return 'expMonth'
  return 'cardNumber'
}

// Accounts and profiles.
export const AccountForm = z.object({
  name: z.string('account.nameRequired').trim().min(1, 'account.nameRequired').max(100, 'account.tooLong'),
  taxId: z.string().trim().max(50, 'account.tooLong').default(''),
})

export const ProfileName = z.object({
  name: z.string('profile.nameRequired').trim().min(1, 'profile.nameRequired').max(100, 'account.tooLong'),
})

export const PoNumber = z.object({ poNumber: z.string().trim().max(50, 'profile.poTooLong').default('') })

const Email = z.email()

/** Invoice email recipients as typed (commas, semicolons or spaces between them) and the switch. */
export function parseInvoiceEmail(body: Body, t: Translate): Parsed<{ recipients: string[]; emailInvoices: boolean }> {
  const recipients = str(body, 'recipients', 2000)
    .split(/[\s,;]+/)
    .filter(Boolean)
  if (!recipients.every((r) => r.length <= 254 && Email.safeParse(r).success))
    return { ok: false, errors: [{ field: 'recipients', message: t('profile.recipientsInvalid') }] }
  return { ok: true, value: { recipients, emailInvoices: body.emailInvoices === 'on' } }
}
