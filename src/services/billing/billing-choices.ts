import { and, asc, eq } from 'drizzle-orm'
import { billingAccounts, billingProfiles, paymentMethods } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'

export type ProfileChoice = {
  id: string
  name: string
  country: string
  currency: string
  paymentMethodId: string | null
}
export type CardChoice = {
  id: string
  brand: string
  last4: string
  expMonth: number
  expYear: number
  nameOnCard: string
}

/** The billing profiles and saved cards a user can pay with at checkout (their own only). */
export async function billingChoices(
  deps: Deps,
  actor: Actor,
): Promise<{ profiles: ProfileChoice[]; cards: CardChoice[] }> {
  const [profiles, cards] = await Promise.all([
    deps.db
      .select({
        id: billingProfiles.id,
        name: billingProfiles.name,
        country: billingProfiles.country,
        currency: billingProfiles.currency,
        paymentMethodId: billingProfiles.paymentMethodId,
      })
      .from(billingProfiles)
      .innerJoin(billingAccounts, eq(billingAccounts.id, billingProfiles.billingAccountId))
      .where(
        and(
          eq(billingProfiles.orgId, actor.orgId),
          eq(billingAccounts.ownerId, actor.id),
          eq(billingProfiles.status, 'active'),
        ),
      )
      .orderBy(asc(billingProfiles.createdAt)),
    deps.db
      .select({
        id: paymentMethods.id,
        brand: paymentMethods.brand,
        last4: paymentMethods.last4,
        expMonth: paymentMethods.expMonth,
        expYear: paymentMethods.expYear,
        nameOnCard: paymentMethods.nameOnCard,
      })
      .from(paymentMethods)
      .where(and(eq(paymentMethods.orgId, actor.orgId), eq(paymentMethods.ownerId, actor.id)))
      .orderBy(asc(paymentMethods.createdAt)),
  ])
  return { profiles, cards }
}
