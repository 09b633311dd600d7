import { and, asc, eq, ne } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import {
  addressOf,
  billingAccounts,
  billingProfiles,
  paymentMethods,
  products,
  subscriptions,
} from '../../db/schema/index'
import type { Address } from '../../db/schema/index'
import { expiryStatus, type ExpiryStatus } from '../../payments/card'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { type BillingStatus, hasBilling } from './billing-accounts'

export type SubscriptionStatus = (typeof subscriptions.$inferSelect)['status']

/** A saved card as pages show it: never its number or code, and whether it still works. */
export type CardSummary = {
  id: string
  brand: string
  last4: string
  expMonth: number
  expYear: number
  nameOnCard: string
  expiry: ExpiryStatus
}

export type ProfileSubscription = {
  id: string
  productName: { en: string; fr: string }
  status: SubscriptionStatus
  quantity: number
  termEnd: Date
  card: { brand: string; last4: string } | null
}

export type ProfileDetails = {
  id: string
  name: string
  status: BillingStatus
  currency: string
  address: Address
  poNumber: string
  invoiceEmailRecipients: string[]
  emailInvoices: boolean
  account: { id: string; name: string }
  card: CardSummary | null
  /** Every subscription billed to the profile but deleted ones: what a Replace moves to the new card. */
  subscriptions: ProfileSubscription[]
}

/** The recipients as stored (one text column), as a list. */
export function recipientsOf(stored: string): string[] {
  return stored.split(/[\s,;]+/).filter(Boolean)
}

/** The profile row when the actor owns its account; null for a guest, another user's or another
 *  tenant's profile. With `lock`, the profile's row stays locked until the transaction ends. */
export async function ownedProfile(db: DbOrTx, actor: Actor, id: string, o: { lock: boolean }) {
  if (!hasBilling(actor)) return null
  const query = db
    .select({ profile: billingProfiles, accountName: billingAccounts.name })
    .from(billingProfiles)
    .innerJoin(billingAccounts, eq(billingAccounts.id, billingProfiles.billingAccountId))
    .where(
      and(eq(billingProfiles.orgId, actor.orgId), eq(billingProfiles.id, id), eq(billingAccounts.ownerId, actor.id)),
    )
  const [row] = o.lock ? await query.for('update', { of: billingProfiles }) : await query
  return row ?? null
}

/** One of the user's billing profiles with its card and the subscriptions billed to it. Refuses
 *  not_found (a guest, another user's or tenant's profile, an unknown id). */
export async function getBillingProfile(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<ProfileDetails, 'not_found'>> {
  const row = await ownedProfile(deps.db, actor, id, { lock: false })
  if (!row) return refuse('not_found')
  const { profile } = row
  const now = deps.clock.now()
  const [card] = profile.paymentMethodId
    ? await deps.db.select().from(paymentMethods).where(eq(paymentMethods.id, profile.paymentMethodId))
    : []
  const subs = await deps.db
    .select({
      id: subscriptions.id,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
      status: subscriptions.status,
      quantity: subscriptions.quantity,
      termEnd: subscriptions.termEnd,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .leftJoin(paymentMethods, eq(paymentMethods.id, subscriptions.paymentMethodId))
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.billingProfileId, profile.id),
        ne(subscriptions.status, 'deleted'),
      ),
    )
    .orderBy(asc(subscriptions.createdAt))
  return ok({
    id: profile.id,
    name: profile.name,
    status: profile.status,
    currency: profile.currency,
    address: addressOf(profile),
    poNumber: profile.poNumber,
    invoiceEmailRecipients: recipientsOf(profile.invoiceEmailRecipients),
    emailInvoices: profile.emailInvoices,
    account: { id: profile.billingAccountId, name: row.accountName },
    card: card ? cardSummary(card, now) : null,
    subscriptions: subs.map(({ nameEn, nameFr, brand, last4, ...s }) => ({
      ...s,
      productName: { en: nameEn, fr: nameFr },
      card: brand && last4 ? { brand, last4 } : null,
    })),
  })
}

export function cardSummary(card: typeof paymentMethods.$inferSelect, now: Date): CardSummary {
  const { id, brand, last4, expMonth, expYear, nameOnCard } = card
  return { id, brand, last4, expMonth, expYear, nameOnCard, expiry: expiryStatus(expMonth, expYear, now) }
}
