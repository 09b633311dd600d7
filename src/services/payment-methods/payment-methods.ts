import { and, asc, eq, inArray, ne } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { addressOf, billingProfiles, paymentMethods, products, subscriptions } from '../../db/schema/index'
import type { Address } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { hasBilling } from '../billing/billing-accounts'
import { cardSummary, type CardSummary } from '../billing/billing-profile'

// Bills & payments → Payment methods (DESIGN §5, §10): the user's cards and what uses each.

/** What points at a card: a profile pays with it, a subscription (not deleted) is charged to it. */
export type CardUse = {
  profiles: { id: string; name: string }[]
  subscriptions: { id: string; productName: { en: string; fr: string } }[]
}

export type PaymentMethodDetails = CardSummary & {
  address: Address
  usedBy: CardUse
  /** Delete is offered only for a card nothing uses (DESIGN §5). */
  canDelete: boolean
}

export type PaymentMethodRow = typeof paymentMethods.$inferSelect

/** The actor's own card; null for a guest, another user's or another tenant's card. With `lock`, the
 *  card's row stays locked (FOR UPDATE) until the transaction ends. */
export async function ownedCard(
  db: DbOrTx,
  actor: Actor,
  id: string,
  o: { lock: false | 'update' | 'share' },
): Promise<PaymentMethodRow | null> {
  if (!hasBilling(actor)) return null
  const query = db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.orgId, actor.orgId), eq(paymentMethods.ownerId, actor.id), eq(paymentMethods.id, id)))
  const [row] = o.lock ? await query.for(o.lock) : await query
  return row ?? null
}

/** The profiles and live subscriptions that use each of these cards. */
export async function usesOf(db: DbOrTx, orgId: string, cardIds: string[]): Promise<Map<string, CardUse>> {
  const uses = new Map<string, CardUse>(cardIds.map((id) => [id, { profiles: [], subscriptions: [] }]))
  if (cardIds.length === 0) return uses
  const [profiles, subs] = await Promise.all([
    db
      .select({ id: billingProfiles.id, name: billingProfiles.name, cardId: billingProfiles.paymentMethodId })
      .from(billingProfiles)
      .where(and(eq(billingProfiles.orgId, orgId), inArray(billingProfiles.paymentMethodId, cardIds)))
      .orderBy(asc(billingProfiles.createdAt)),
    db
      .select({
        id: subscriptions.id,
        cardId: subscriptions.paymentMethodId,
        nameEn: products.nameEn,
        nameFr: products.nameFr,
      })
      .from(subscriptions)
      .innerJoin(products, eq(products.id, subscriptions.productId))
      .where(
        and(
          eq(subscriptions.orgId, orgId),
          inArray(subscriptions.paymentMethodId, cardIds),
          ne(subscriptions.status, 'deleted'),
        ),
      )
      .orderBy(asc(subscriptions.createdAt)),
  ])
  for (const p of profiles) uses.get(p.cardId ?? '')?.profiles.push({ id: p.id, name: p.name })
  for (const s of subs)
    uses.get(s.cardId ?? '')?.subscriptions.push({ id: s.id, productName: { en: s.nameEn, fr: s.nameFr } })
  return uses
}

export const isUsed = (use: CardUse): boolean => use.profiles.length > 0 || use.subscriptions.length > 0

function details(card: PaymentMethodRow, usedBy: CardUse, now: Date): PaymentMethodDetails {
  return { ...cardSummary(card, now), address: addressOf(card), usedBy, canDelete: !isUsed(usedBy) }
}

/** The user's saved cards, oldest first, each with what uses it. Refuses not_found for a guest. */
export async function listPaymentMethods(
  deps: Deps,
  actor: Actor,
): Promise<Outcome<PaymentMethodDetails[], 'not_found'>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const cards = await deps.db
    .select()
    .from(paymentMethods)
    .where(and(eq(paymentMethods.orgId, actor.orgId), eq(paymentMethods.ownerId, actor.id)))
    .orderBy(asc(paymentMethods.createdAt), asc(paymentMethods.id))
  const uses = await usesOf(
    deps.db,
    actor.orgId,
    cards.map((c) => c.id),
  )
  const now = deps.clock.now()
  return ok(cards.map((c) => details(c, uses.get(c.id)!, now)))
}

/** One of the user's cards with what uses it. Refuses not_found (a guest, another user's or tenant's card). */
export async function getPaymentMethod(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<PaymentMethodDetails, 'not_found'>> {
  const card = await ownedCard(deps.db, actor, id, { lock: false })
  if (!card) return refuse('not_found')
  const uses = await usesOf(deps.db, actor.orgId, [card.id])
  return ok(details(card, uses.get(card.id)!, deps.clock.now()))
}
