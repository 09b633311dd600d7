import { and, eq, type SQL, type SQLWrapper } from 'drizzle-orm'
import { billingAccounts, billingProfiles, invoices } from '../../db/schema/index'
import type { Actor } from '../deps'

/**
 * The invoices a user may see: those of the billing profiles of the accounts they own, in their
 * organisation (DESIGN §5, §6). Another user's or tenant's invoice is missing, not forbidden, so its
 * id tells nothing. A query using it joins `billing_profiles` and `billing_accounts` as below. A prepared
 * query gives placeholders for the actor's organisation and id.
 */
export function ownInvoice(actor: Pick<Actor, 'orgId' | 'id'> | { orgId: SQLWrapper; id: SQLWrapper }): SQL {
  return and(
    eq(invoices.orgId, actor.orgId),
    eq(billingAccounts.orgId, actor.orgId),
    eq(billingAccounts.ownerId, actor.id),
  ) as SQL
}

/** The joins `ownInvoice` needs, for `.from(invoices)`. */
export const profileOfInvoice = eq(billingProfiles.id, invoices.billingProfileId)
export const accountOfProfile = eq(billingAccounts.id, billingProfiles.billingAccountId)

/** A credit note's amounts read as negative (it gives money back); an invoice's as they are stored. */
export function signed(amount: number, kind: 'invoice' | 'credit_note'): number {
  return kind === 'credit_note' ? -amount : amount
}
