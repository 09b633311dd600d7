import type { FieldError } from '../../views/components/error-summary'
import type { CardFormValues } from '../../views/components/card-fields'
import type { Translate } from '../i18n/index'
import { checkCard, type CardField } from '../payments/card'
import type { PaymentChoice } from '../services/purchase/payment-source'
import type { KnownCard } from '../services/purchase/preview-purchase'
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

/** A saved card ("saved:<id>"), the card held for this buyer ("held") or a new card checked field by
 *  field (DESIGN §5). */
export function parsePaymentChoice(
  body: Record<string, unknown>,
  now: Date,
  t: Translate,
): { choice: PaymentChoice | null; errors: FieldError[] } {
  const payment = str(body.payment) || 'new'
  const known = knownCard(body)
  if (known) return { choice: known, errors: [] }
  if (payment === 'held' || payment.startsWith('saved:')) {
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

/** The card a form or URL names that the gateway already has: a saved card ("saved:<id>"), or the
 *  card held for this buyer ("held" and its token). Whose it is, the services check. */
export function knownCard(src: Record<string, unknown>): KnownCard | null {
  const payment = str(src.payment)
  const id = payment.startsWith('saved:') ? payment.slice('saved:'.length) : ''
  if (UUID.test(id)) return { kind: 'saved', paymentMethodId: id }
  const token = str(src.cardToken)
  return payment === 'held' && token ? { kind: 'held', token } : null
}

export function byField(errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of errors) out[e.field] ??= e.message
  return out
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v)
}
