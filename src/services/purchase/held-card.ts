import type { CheckedCard } from '../../payments/card'
import type { DeclineReason } from '../../payments/gateway'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

// A new card kept while the buyer is still deciding (issue 11): when the checkout or trial form has
// to come back — the total changed, "Update total", a field to fix — the card just typed is swapped
// for a gateway token and only the token goes back into the form (DESIGN §5: the number and the code
// are never rendered back). The token is the buyer's alone: the gateway made it for their customer
// id, and a token that comes back in a form is used only if the gateway says it is theirs.

/** A new card the gateway holds for this buyer: its token, and what may be shown and saved of it. */
export type HeldCard = {
  token: string
  brand: string
  last4: string
  expMonth: number
  expYear: number
  nameOnCard: string
}

// Gateway tokens are short and plain (tok_sb_ok_<hex> in the sandbox): anything else is none of ours.
const TOKEN = /^[A-Za-z0-9_]{8,120}$/

/** The gateway's customer for a buyer: a token made for one buyer is refused to every other. */
export function customerOf(actor: Actor): string {
  return `${actor.orgId}:${actor.id}`
}

/** The tokenize key of a form: the same card sent twice with one form gets one token. */
export function tokenizeKey(actor: Actor, formKey: string): string {
  return `tokenize:${actor.orgId}:${actor.id}:${formKey}`
}

/** Swaps a new card typed in a form for a token held for this buyer; refuses the gateway's declines. */
export async function holdCard(
  deps: Deps,
  actor: Actor,
  card: CheckedCard,
  formKey: string,
): Promise<Outcome<HeldCard, DeclineReason>> {
  const out = await deps.gateway.tokenize(card, tokenizeKey(actor, formKey), customerOf(actor))
  if (!out.ok) return refuse(out.decline)
  const { brand, last4, expMonth, expYear, nameOnCard } = card
  return ok({ token: out.value.token, brand, last4, expMonth, expYear, nameOnCard })
}

/** The held card behind a token that came back in a form or a URL, if the gateway made it for this
 *  buyer; null for another buyer's token (of this organisation or another) or a made-up one. */
export async function findHeldCard(deps: Deps, actor: Actor, token: string): Promise<HeldCard | null> {
  if (!TOKEN.test(token)) return null
  const card = await deps.gateway.cardOf(token, customerOf(actor))
  return card ? { token, ...card } : null
}
