import { and, eq } from 'drizzle-orm'
import { billingAccounts, billingProfiles } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'

export type Profile = typeof billingProfiles.$inferSelect

/** The actor's own active billing profile, or null (another user's or tenant's looks missing). */
export async function ownProfile(deps: Deps, actor: Actor, id: string): Promise<Profile | null> {
  const [row] = await deps.db
    .select({ profile: billingProfiles })
    .from(billingProfiles)
    .innerJoin(billingAccounts, eq(billingAccounts.id, billingProfiles.billingAccountId))
    .where(
      and(
        eq(billingProfiles.orgId, actor.orgId),
        eq(billingProfiles.id, id),
        eq(billingAccounts.ownerId, actor.id),
        eq(billingProfiles.status, 'active'),
      ),
    )
  return row?.profile ?? null
}
