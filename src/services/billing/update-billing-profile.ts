import { eq } from 'drizzle-orm'
import { billingProfiles } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { type InvoiceEmail, type InvoiceEmailRefusal, invoiceEmailRefusal } from './add-billing-profile'
import { ownedProfile } from './billing-profile'
import type { AddressInput } from './set-up-billing'

/** What one pane of the profile's page changes (each field is edited on its own, DESIGN §10). */
export type ProfileChange =
  | { section: 'name'; name: string }
  | { section: 'address'; address: AddressInput }
  | { section: 'po'; poNumber: string }
  | ({ section: 'email' } & InvoiceEmail)

export type ProfileSection = ProfileChange['section']
export const PROFILE_SECTIONS: readonly ProfileSection[] = ['name', 'address', 'po', 'email']

function columnsOf(change: ProfileChange): Partial<typeof billingProfiles.$inferInsert> {
  switch (change.section) {
    case 'name':
      return { name: change.name }
    case 'address':
      return { ...change.address }
    case 'po':
      return { poNumber: change.poNumber }
    case 'email':
      return { invoiceEmailRecipients: change.recipients.join(', '), emailInvoices: change.emailInvoices }
  }
}

/** Changes one part of a billing profile, audited with the fields before and after. Refuses not_found
 *  (a guest, another user's or tenant's profile) and the invoice email refusals. */
export async function updateBillingProfile(
  deps: Deps,
  actor: Actor,
  id: string,
  change: ProfileChange,
): Promise<Outcome<{ id: string }, 'not_found' | InvoiceEmailRefusal>> {
  if (change.section === 'email') {
    const refusal = invoiceEmailRefusal(change)
    if (refusal) return refuse(refusal)
  }
  return deps.db.transaction(async (tx) => {
    const row = await ownedProfile(tx, actor, id, { lock: true })
    if (!row) return refuse('not_found')
    const set = columnsOf(change)
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, row.profile[k as keyof typeof row.profile]]))
    await tx.update(billingProfiles).set(set).where(eq(billingProfiles.id, id))
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: `billing_profile.${change.section}_changed`,
      entityType: 'billing_profile',
      entityId: id,
      before,
      after: set,
      at: deps.clock.now(),
    })
    return ok({ id })
  })
}
