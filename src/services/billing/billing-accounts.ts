import { and, asc, count, eq, inArray, ne } from 'drizzle-orm'
import { addressOf, billingAccounts, billingProfiles, paymentMethods, subscriptions } from '../../db/schema/index'
import type { Address } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

// The billing accounts a user owns and their profiles (DESIGN §5, §10 /billing/accounts). Only a
// member buys, so only a member has billing pages: a guest's answer is not_found, like another
// user's or another tenant's account.

export type BillingStatus = 'active' | 'disabled'

export type AccountRow = {
  id: string
  name: string
  agreementType: string
  status: BillingStatus
  profileCount: number
}

export type ProfileRow = {
  id: string
  name: string
  status: BillingStatus
  currency: string
  card: { brand: string; last4: string } | null
  /** Subscriptions billed to the profile, deleted ones left out. */
  subscriptionCount: number
}

export type AccountDetails = {
  id: string
  name: string
  agreementType: string
  status: BillingStatus
  address: Address
  taxId: string
  profiles: ProfileRow[]
}

/** Guests never buy, so they have no billing pages (DESIGN §1). */
export const hasBilling = (actor: Actor): boolean => actor.kind === 'member'

/** The billing accounts the user owns, each with its number of profiles. Refuses not_found for a guest. */
export async function listBillingAccounts(deps: Deps, actor: Actor): Promise<Outcome<AccountRow[], 'not_found'>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const rows = await deps.db
    .select({
      id: billingAccounts.id,
      name: billingAccounts.name,
      agreementType: billingAccounts.agreementType,
      status: billingAccounts.status,
      profileCount: count(billingProfiles.id),
    })
    .from(billingAccounts)
    .leftJoin(billingProfiles, eq(billingProfiles.billingAccountId, billingAccounts.id))
    .where(and(eq(billingAccounts.orgId, actor.orgId), eq(billingAccounts.ownerId, actor.id)))
    .groupBy(billingAccounts.id)
    .orderBy(asc(billingAccounts.createdAt))
  return ok(rows.map((r) => ({ ...r, profileCount: Number(r.profileCount) })))
}

/** One of the user's accounts with every profile of it. Refuses not_found (a guest, another user's
 *  or another tenant's account, an unknown id). */
export async function getBillingAccount(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<AccountDetails, 'not_found'>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const [account] = await deps.db
    .select()
    .from(billingAccounts)
    .where(
      and(eq(billingAccounts.orgId, actor.orgId), eq(billingAccounts.id, id), eq(billingAccounts.ownerId, actor.id)),
    )
  if (!account) return refuse('not_found')
  const profiles = await deps.db
    .select({
      id: billingProfiles.id,
      name: billingProfiles.name,
      status: billingProfiles.status,
      currency: billingProfiles.currency,
      brand: paymentMethods.brand,
      last4: paymentMethods.last4,
    })
    .from(billingProfiles)
    .leftJoin(paymentMethods, eq(paymentMethods.id, billingProfiles.paymentMethodId))
    .where(and(eq(billingProfiles.orgId, actor.orgId), eq(billingProfiles.billingAccountId, account.id)))
    .orderBy(asc(billingProfiles.createdAt))
  const counts = await subscriptionCounts(
    deps,
    actor.orgId,
    profiles.map((p) => p.id),
  )
  return ok({
    id: account.id,
    name: account.name,
    agreementType: account.agreementType,
    status: account.status,
    address: addressOf(account),
    taxId: account.taxId,
    profiles: profiles.map(({ brand, last4, ...p }) => ({
      ...p,
      card: brand && last4 ? { brand, last4 } : null,
      subscriptionCount: counts.get(p.id) ?? 0,
    })),
  })
}

/** How many subscriptions (deleted ones left out) each profile bills. */
async function subscriptionCounts(deps: Deps, orgId: string, profileIds: string[]): Promise<Map<string, number>> {
  if (profileIds.length === 0) return new Map()
  const rows = await deps.db
    .select({ profileId: subscriptions.billingProfileId, n: count() })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.orgId, orgId),
        inArray(subscriptions.billingProfileId, profileIds),
        ne(subscriptions.status, 'deleted'),
      ),
    )
    .groupBy(subscriptions.billingProfileId)
  return new Map(rows.map((r) => [r.profileId ?? '', Number(r.n)]))
}
