import { and, eq } from 'drizzle-orm'
import { billingAccounts, billingProfiles } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { hasBilling } from './billing-accounts'
import type { AddressInput } from './set-up-billing'

/** The currencies a profile can be invoiced in; a product is bought only on a profile of its own currency. */
export const INVOICE_CURRENCIES = ['EUR', 'GBP', 'USD'] as const
export type InvoiceCurrency = (typeof INVOICE_CURRENCIES)[number]

/** At most this many addresses get a profile's invoices by email. */
export const MAX_INVOICE_RECIPIENTS = 10

export type InvoiceEmail = { recipients: string[]; emailInvoices: boolean }
export type InvoiceEmailRefusal = 'recipients_required' | 'too_many_recipients'

/** "Get invoices in email" needs someone to send them to. */
export function invoiceEmailRefusal(e: InvoiceEmail): InvoiceEmailRefusal | null {
  if (e.recipients.length > MAX_INVOICE_RECIPIENTS) return 'too_many_recipients'
  if (e.emailInvoices && e.recipients.length === 0) return 'recipients_required'
  return null
}

export type ProfileInput = {
  name: string
  currency: InvoiceCurrency
  address: AddressInput
  poNumber: string
} & InvoiceEmail

/** Adds a billing profile to one of the user's accounts (DESIGN §5), without a card: the profile's
 *  page chooses one. Refuses not_found (a guest, another user's or tenant's account) and the invoice
 *  email refusals. */
export async function addBillingProfile(
  deps: Deps,
  actor: Actor,
  accountId: string,
  input: ProfileInput,
): Promise<Outcome<{ id: string }, 'not_found' | InvoiceEmailRefusal>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const refusal = invoiceEmailRefusal(input)
  if (refusal) return refuse(refusal)
  return deps.db.transaction(async (tx) => {
    const [account] = await tx
      .select({ id: billingAccounts.id })
      .from(billingAccounts)
      .where(
        and(
          eq(billingAccounts.orgId, actor.orgId),
          eq(billingAccounts.id, accountId),
          eq(billingAccounts.ownerId, actor.id),
        ),
      )
      .for('update')
    if (!account) return refuse('not_found')
    const now = deps.clock.now()
    const [profile] = await tx
      .insert(billingProfiles)
      .values({
        orgId: actor.orgId,
        billingAccountId: account.id,
        name: input.name,
        currency: input.currency,
        ...input.address,
        poNumber: input.poNumber,
        invoiceEmailRecipients: input.recipients.join(', '),
        emailInvoices: input.emailInvoices,
        createdAt: now,
      })
      .returning()
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'billing_profile.created',
      entityType: 'billing_profile',
      entityId: profile!.id,
      after: profile,
      at: now,
    })
    return ok({ id: profile!.id })
  })
}
