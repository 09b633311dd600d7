import { eq } from 'drizzle-orm'
import { paymentMethods } from '../../db/schema/index'
import { type CardProblem, checkCvc, checkExpiry, MAX_NAME_ON_CARD } from '../../payments/card'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { AddressInput } from '../billing/set-up-billing'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { auditedCard } from './new-card'
import { ownedCard } from './payment-methods'

/** What Edit may change (DESIGN §5): the expiry, the name on the card and its address; the number
 *  cannot change (Replace the card instead). The security code is required to save, and only checked. */
export type CardEdit = { expMonth: string; expYear: string; nameOnCard: string; address: AddressInput; cvc: string }
export type CardEditField = 'expMonth' | 'expYear' | 'cvc' | 'nameOnCard'

/** The edit's problems, field by field: an expiry not in the future, a missing or malformed code, no name. */
export function checkCardEdit(input: CardEdit, brand: string, now: Date): Partial<Record<CardEditField, CardProblem>> {
  const problems: Partial<Record<CardEditField, CardProblem>> = {
    ...checkExpiry(input.expMonth, input.expYear, now).problems,
  }
  const cvc = checkCvc(brand, input.cvc)
  if (cvc) problems.cvc = cvc
  const name = input.nameOnCard.trim()
  if (name === '' || name.length > MAX_NAME_ON_CARD) problems.nameOnCard = 'name_required'
  return problems
}

const FIELDS: CardEditField[] = ['expMonth', 'expYear', 'cvc', 'nameOnCard']

/**
 * Edits a saved card once the gateway has checked it with the security code typed (outside any
 * transaction: a gateway call), then saves the new expiry, name and address under the card's row
 * lock, audited before and after. The code is forgotten. Refuses not_found (a guest, another user's
 * or tenant's card, a card deleted meanwhile), each field's problem (details.field names it) and the
 * gateway's declines (incorrect_cvc for a wrong code): nothing is saved then.
 */
export async function editPaymentMethod(
  deps: Deps,
  actor: Actor,
  id: string,
  input: CardEdit,
): Promise<Outcome<{ id: string; brand: string; last4: string }, 'not_found' | CardProblem | DeclineReason>> {
  const card = await ownedCard(deps.db, actor, id, { lock: false })
  if (!card) return refuse('not_found')
  const problems = checkCardEdit(input, card.brand, deps.clock.now())
  const field = FIELDS.find((f) => problems[f])
  if (field) return refuse(problems[field]!, { field })
  const { month: expMonth, year: expYear } = checkExpiry(input.expMonth, input.expYear, deps.clock.now())
  const verified = await deps.gateway.verify({ token: card.gatewayToken, cvc: input.cvc.trim(), expMonth, expYear })
  if (!verified.ok) return refuse(verified.decline, { field: 'cvc' })
  return deps.db.transaction(async (tx) => {
    const before = await ownedCard(tx, actor, id, { lock: 'update' })
    if (!before) return refuse('not_found')
    const [after] = await tx
      .update(paymentMethods)
      .set({ expMonth, expYear, nameOnCard: input.nameOnCard.trim(), ...input.address })
      .where(eq(paymentMethods.id, id))
      .returning()
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'payment_method.updated',
      entityType: 'payment_method',
      entityId: id,
      before: auditedCard(before),
      after: auditedCard(after!),
      at: deps.clock.now(),
    })
    return ok({ id, brand: after!.brand, last4: after!.last4 })
  })
}
