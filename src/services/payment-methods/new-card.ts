import { eq } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { paymentMethods } from '../../db/schema/index'
import type { CheckedCard } from '../../payments/card'
import type { DeclineReason } from '../../payments/gateway'
import type { AddressInput } from '../billing/set-up-billing'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { customerOf, tokenizeKey } from '../purchase/held-card'
import { recordAudit } from '../audit/record-audit'

// A new card entered outside checkout (Add a payment method, Replace with a new card): the gateway
// tokenizes it and checks it with its security code before it is saved (DESIGN §5). Both are gateway
// calls, so they run before any transaction; the number and the code go no further than them.

/** Tokenizes a typed card for this user and has the gateway check it (a zero-amount authorisation).
 *  The tokenize key comes from the form's key: the same form sent twice gets the same token. */
export async function tokenizeAndVerify(
  deps: Deps,
  actor: Actor,
  card: CheckedCard,
  formKey: string,
): Promise<Outcome<string, DeclineReason>> {
  const tokenized = await deps.gateway.tokenize(card, tokenizeKey(actor, formKey), customerOf(actor))
  if (!tokenized.ok) return refuse(tokenized.decline)
  const { expMonth, expYear, cvc } = card
  const verified = await deps.gateway.verify({ token: tokenized.value.token, cvc, expMonth, expYear })
  return verified.ok ? ok(tokenized.value.token) : refuse(verified.decline)
}

/** What an audit event may say of a card: never its number, code or token. */
export function auditedCard(card: typeof paymentMethods.$inferSelect) {
  const { id, brand, last4, expMonth, expYear, nameOnCard, line1, line2, city, postalCode, region, country } = card
  return { id, brand, last4, expMonth, expYear, nameOnCard, line1, line2, city, postalCode, region, country }
}

/** Saves a verified card inside the caller's transaction and audits it; a double submit of one form
 *  (the same token) finds the first row instead of a second one. */
export async function saveCard(
  tx: Tx,
  actor: Actor,
  card: CheckedCard,
  address: AddressInput,
  token: string,
  at: Date,
): Promise<typeof paymentMethods.$inferSelect> {
  const { brand, last4, expMonth, expYear, nameOnCard } = card
  const [inserted] = await tx
    .insert(paymentMethods)
    .values({
      orgId: actor.orgId,
      ownerId: actor.id,
      brand,
      last4,
      expMonth,
      expYear,
      nameOnCard,
      ...address,
      gatewayToken: token,
      createdAt: at,
    })
    .onConflictDoNothing({ target: paymentMethods.gatewayToken })
    .returning()
  if (!inserted) {
    const [first] = await tx.select().from(paymentMethods).where(eq(paymentMethods.gatewayToken, token))
    return first!
  }
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'payment_method.added',
    entityType: 'payment_method',
    entityId: inserted.id,
    after: auditedCard(inserted),
    at,
  })
  return inserted
}
