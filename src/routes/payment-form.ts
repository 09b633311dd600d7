import type { FieldError } from '../../views/components/error-summary'
import type { CardFormValues } from '../../views/components/card-fields'
import type { Translate } from '../i18n/index'
import { checkCard, type CardField } from '../payments/card'
import type { PaymentChoice } from '../services/purchase/payment-source'
import { CARD_PROBLEM_MESSAGES } from '../i18n/refusals'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const str = (v: unknown, max = 200): string => (typeof v === 'string' ? v.slice(0, max) : '')

/** The card part of a form as it may be shown again: never the number or the security code. */
export function cardValues(body: Record<string, unknown>): CardFormValues {
  return {
    payment: str(body.payment) || 'new',
    expMonth: str(body.expMonth, 4),
    expYear: str(body.expYear, 4),
    nameOnCard: str(body.nameOnCard),
  }
}

/** A saved card ("saved:<id>") or a new card checked field by field (DESIGN §5). */
export function parsePaymentChoice(
  body: Record<string, unknown>,
  now: Date,
  t: Translate,
): { choice: PaymentChoice | null; errors: FieldError[] } {
  const payment = str(body.payment) || 'new'
  if (payment.startsWith('saved:')) {
    const id = payment.slice('saved:'.length)
    if (UUID.test(id)) return { choice: { kind: 'saved', paymentMethodId: id }, errors: [] }
    return { choice: null, errors: [{ field: 'payment', message: t('refusal.payment_method_not_found') }] }
  }
  if (payment !== 'new') return { choice: null, errors: [{ field: 'payment', message: t('card.choose') }] }
  const checked = checkCard(
    {
      number: str(body.cardNumber, 40),
      expMonth: str(body.expMonth, 4),
      expYear: str(body.expYear, 4),
      cvc: str(body.cvc, 8),
      nameOnCard: str(body.nameOnCard, 200),
    },
    now,
  )
  if (checked.ok) return { choice: { kind: 'new', card: checked.card }, errors: [] }
  const order: CardField[] = ['cardNumber', 'expMonth', 'expYear', 'cvc', 'nameOnCard']
  return {
    choice: null,
    errors: order.flatMap((f) => {
      const problem = checked.problems[f]
      return problem ? [{ field: f, message: t(CARD_PROBLEM_MESSAGES[problem]) }] : []
    }),
  }
}

export function byField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) out[e.field] ??= e.message
  return out
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v)
}
