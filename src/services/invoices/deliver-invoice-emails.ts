import { and, asc, eq, lte, or, sql } from 'drizzle-orm'
import { outbox } from '../../db/schema/index'
import { describeError } from '../../log'
import type { Deps } from '../deps'
import { invoiceForDelivery } from './get-invoice'
import type { InvoiceMailer } from './invoice-emails'

/** Attempts before an email is given up as failed (logged for support): about two days of retries. */
export const MAX_EMAIL_ATTEMPTS = 10
/** The first retry waits this long, each next one twice as long, up to BACKOFF_MAX_MS. */
const BACKOFF_BASE_MS = 60_000
const BACKOFF_MAX_MS = 6 * 3_600_000
/** How long a claim lasts: longer than any SMTP exchange, so a live sender is never overtaken. */
export const SEND_LEASE_MS = 10 * 60_000
const MAX_PER_RUN = 10_000

/** The wait after the `attempts`-th failure: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_MAX_MS)
}

export type EmailReport = { sent: number; retried: number; failed: number }

/**
 * Delivers the invoice emails that are due, one claimed row at a time (DESIGN §7: safe to run twice, in
 * several processes at once). A claim is a short transaction — FOR UPDATE SKIP LOCKED, then `sending`
 * with a lease and one more attempt — and the email goes out after its commit, with no lock held, as a
 * charge does. A sent email is marked `sent` and never claimed again; a refused one waits its backoff;
 * after MAX_EMAIL_ATTEMPTS it is `failed`. Only a process that dies between the send and the mark sends
 * twice, once its lease has passed, under the same Message-ID.
 */
export async function deliverInvoiceEmails(deps: Deps, mailer: InvoiceMailer): Promise<EmailReport> {
  const report: EmailReport = { sent: 0, retried: 0, failed: 0 }
  const now = deps.clock.now()
  for (let i = 0; i < MAX_PER_RUN; i++) {
    const row = await claim(deps, now)
    if (!row) break
    try {
      const invoice = await invoiceForDelivery(deps.db, row.orgId, row.invoiceId)
      if (!invoice) throw new Error('invoice not found')
      await mailer.sendInvoice({
        to: row.recipient,
        language: row.language === 'fr' ? 'fr' : 'en',
        invoice,
        messageId: `<invoice-email-${row.id}@selfserve.invalid>`,
      })
    } catch (error) {
      const failed = row.attempts >= MAX_EMAIL_ATTEMPTS
      await deps.db
        .update(outbox)
        .set({
          status: failed ? 'failed' : 'pending',
          nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)),
          lockedUntil: null,
          lastError: errorText(error),
        })
        .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending')))
      deps.log[failed ? 'error' : 'warn']('invoice email not sent', {
        outboxId: row.id,
        attempts: row.attempts,
        error: describeError(error),
      })
      report[failed ? 'failed' : 'retried']++
      continue
    }
    await deps.db
      .update(outbox)
      .set({ status: 'sent', sentAt: now, lockedUntil: null, lastError: null })
      .where(eq(outbox.id, row.id))
    report.sent++
  }
  return report
}

/** The oldest due email, claimed for this process: pending and due, or a claim whose lease has passed. */
async function claim(deps: Deps, now: Date) {
  return deps.db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        or(
          and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)),
          and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, now)),
        ),
      )
      .orderBy(asc(outbox.nextAttemptAt))
      .limit(1)
      .for('update', { skipLocked: true })
    if (!due) return null
    const [claimed] = await tx
      .update(outbox)
      .set({
        status: 'sending',
        lockedUntil: new Date(now.getTime() + SEND_LEASE_MS),
        attempts: sql`${outbox.attempts} + 1`,
      })
      .where(eq(outbox.id, due.id))
      .returning()
    return claimed ?? null
  })
}

/** What the row keeps of a failure: the SMTP answer's code and first line, never a whole message. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return 'error'
  const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code
  return `${code ?? error.name}: ${error.message.split('\n')[0]!.slice(0, 200)}`
}
