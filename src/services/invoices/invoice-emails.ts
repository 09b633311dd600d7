import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { type billingProfiles, outbox, users } from '../../db/schema/index'
import { recipientsOf } from '../billing/billing-profile'
import type { InvoiceDetails } from './get-invoice'

/** One email of the outbox, as the mailer gets it: to whom, in which language, which invoice. */
export type InvoiceEmail = {
  to: string
  language: 'en' | 'fr'
  invoice: InvoiceDetails
  /** The same for every attempt, so a receiver can tell a resent message from a new one. */
  messageId: string
}

/** What delivers an invoice email (src/mail/): composes it in its language, with the PDF, and sends it. */
export type InvoiceMailer = { sendInvoice(email: InvoiceEmail): Promise<void> }

/**
 * Queues the emails of a new invoice or credit note, inside the transaction that issues it (DESIGN §5:
 * "Get invoices in email" on the profile, to its recipients): one outbox row per recipient, so the emails
 * exist exactly when the invoice does, and are delivered later by the job. Each email is in its
 * recipient's language when they are a user of the organisation, else in the account owner's.
 */
export async function queueInvoiceEmails(
  tx: Tx,
  o: {
    invoiceId: string
    issuedAt: Date
    profile: typeof billingProfiles.$inferSelect
    ownerId: string
  },
): Promise<number> {
  const { profile } = o
  if (!profile.emailInvoices) return 0
  const recipients = [...new Set(recipientsOf(profile.invoiceEmailRecipients).map((r) => r.toLowerCase()))]
  if (recipients.length === 0) return 0
  const known = await tx
    .select({ id: users.id, email: sql<string>`lower(${users.email})`, language: users.language })
    .from(users)
    .where(
      and(
        eq(users.orgId, profile.orgId),
        sql`(lower(${users.email}) in ${recipients} or ${inArray(users.id, [o.ownerId])})`,
      ),
    )
  const owner = known.find((u) => u.id === o.ownerId)?.language ?? 'en'
  const languageOf = (email: string) => known.find((u) => u.email === email)?.language ?? owner
  await tx
    .insert(outbox)
    .values(
      recipients.map((to) => ({
        orgId: profile.orgId,
        invoiceId: o.invoiceId,
        recipient: to,
        language: languageOf(to),
        nextAttemptAt: o.issuedAt,
        createdAt: o.issuedAt,
      })),
    )
    .onConflictDoNothing()
  return recipients.length
}
