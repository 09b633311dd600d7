import type { CheckedCard } from '../../payments/card'
import type { DeclineReason } from '../../payments/gateway'
import { hasBilling } from '../billing/billing-accounts'
import type { AddressInput } from '../billing/set-up-billing'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { saveCard, tokenizeAndVerify } from './new-card'

/** Add a payment method (DESIGN §5): a checked card, tokenized and verified by the gateway, then
 *  saved with its billing address. Refuses not_found for a guest and the gateway's declines (nothing
 *  is saved). `formKey` is the form's: sending the same form twice saves one card. */
export async function addPaymentMethod(
  deps: Deps,
  actor: Actor,
  input: { card: CheckedCard; address: AddressInput },
  formKey: string,
): Promise<Outcome<{ id: string; brand: string; last4: string }, 'not_found' | DeclineReason>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const token = await tokenizeAndVerify(deps, actor, input.card, formKey)
  if (!token.ok) return token
  const saved = await deps.db.transaction((tx) =>
    saveCard(tx, actor, input.card, input.address, token.value, deps.clock.now()),
  )
  return ok({ id: saved.id, brand: saved.brand, last4: saved.last4 })
}
