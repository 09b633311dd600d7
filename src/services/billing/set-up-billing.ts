import { and, eq } from 'drizzle-orm'
import { billingAccounts, billingProfiles, users } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'

export type AddressInput = { line1: string; line2: string; city: string; postalCode: string; country: string }

export const DEFAULT_CURRENCY = 'EUR'

/**
 * A buyer's first billing account and its one billing profile, from their name and the address
 * they enter once (DESIGN §5). Refuses guest (guests do not buy) and already_set_up (answers
 * with the existing profile's id instead of making a second account on a double submit).
 */
export async function setUpBilling(
  deps: Deps,
  actor: Actor,
  address: AddressInput,
): Promise<Outcome<{ billingProfileId: string }, 'guest' | 'already_set_up'>> {
  if (actor.kind !== 'member') return refuse('guest')
  return deps.db.transaction(async (tx) => {
    // NOTE: the user's row lock makes "none yet, so create" atomic: a double submit waits here and
    // then finds the first one's profile.
    await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.id)))
      .for('update')
    const [existing] = await tx
      .select({ id: billingProfiles.id })
      .from(billingProfiles)
      .innerJoin(billingAccounts, eq(billingAccounts.id, billingProfiles.billingAccountId))
      .where(and(eq(billingAccounts.orgId, actor.orgId), eq(billingAccounts.ownerId, actor.id)))
      .limit(1)
    if (existing) return refuse('already_set_up')
    const now = deps.clock.now()
    const where = {
      line1: address.line1,
      line2: address.line2,
      city: address.city,
      postalCode: address.postalCode,
      region: '',
      country: address.country,
    }
    const [account] = await tx
      .insert(billingAccounts)
      .values({ orgId: actor.orgId, ownerId: actor.id, name: actor.displayName, ...where, createdAt: now })
      .returning()
    const [profile] = await tx
      .insert(billingProfiles)
      .values({
        orgId: actor.orgId,
        billingAccountId: account!.id,
        name: actor.displayName,
        currency: DEFAULT_CURRENCY,
        ...where,
        invoiceEmailRecipients: actor.email,
        createdAt: now,
      })
      .returning()
    const at = now
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'billing_account.created',
      entityType: 'billing_account',
      entityId: account!.id,
      after: account,
      at,
    })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'billing_profile.created',
      entityType: 'billing_profile',
      entityId: profile!.id,
      after: profile,
      at,
    })
    return ok({ billingProfileId: profile!.id })
  })
}
