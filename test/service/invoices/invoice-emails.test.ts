import { randomUUID } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { billingProfiles, outbox } from '../../../src/db/schema/index'
import { invoiceMailerFor, smtpInvoiceMailer } from '../../../src/mail/invoice-mailer'
import {
  backoffMs,
  deliverInvoiceEmails,
  MAX_EMAIL_ATTEMPTS,
  SEND_LEASE_MS,
} from '../../../src/services/invoices/deliver-invoice-emails'
import type { InvoiceEmail, InvoiceMailer } from '../../../src/services/invoices/invoice-emails'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import { purchaseSubscription } from '../../../src/services/purchase/purchase-subscription'
import { aBillingProfile, actorOf, aNewCardPayment, anOrganization, aProduct, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'
import { startSmtpServer } from '../../support/smtp'

// Invoices by email (issue 13): the outbox row is written with the invoice, and the job delivers it
// once per recipient, with the PDF, in the recipient's language — through a real SMTP server.

const clock = fixedClock('2026-11-25T10:00:00Z')

describe.each(DATABASE_KINDS)('invoice emails on %s', (kind) => {
  let database: Database
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>
  let deps: ReturnType<typeof testDeps> & { mailer: InvoiceMailer }
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    smtp = await startSmtpServer()
    deps = { ...testDeps(database, clock), mailer: smtpInvoiceMailer(smtp.url, 'Selfserve <invoices@selfserve.test>') }
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db, { code: `PP-${randomUUID().slice(0, 6)}`, nameEn: 'Project Plan 3' })
  })
  afterAll(async () => {
    await smtp.close()
    await database.close()
  })
  beforeEach(() => {
    clock.set('2026-11-25T10:00:00Z')
    smtp.received.length = 0
    smtp.refuse(0)
  })

  /** A French purchaser whose profile emails invoices to them and to an English colleague. */
  async function aPurchaseWithEmail(o: { emailInvoices?: boolean } = {}) {
    const lea = await aUser(database.db, w.org.id, { displayName: 'Léa Martin', language: 'fr' })
    const tom = await aUser(database.db, w.org.id, { displayName: 'Tom Baker', language: 'en' })
    const profile = await aBillingProfile(database.db, lea)
    await database.db
      .update(billingProfiles)
      .set({
        emailInvoices: o.emailInvoices ?? true,
        invoiceEmailRecipients: `${lea.email}, ${tom.email.toUpperCase()}`,
      })
      .where(eq(billingProfiles.id, profile.id))
    const out = await purchaseSubscription(deps, actorOf(lea), {
      productCode: w.product.code,
      quantity: 2,
      frequency: 'monthly',
      billingProfileId: profile.id,
      payment: aNewCardPayment(clock.now()),
      idempotencyKey: randomUUID(),
    })
    if (!out.ok) throw new Error(`purchase refused: ${out.refusal}`)
    return { lea, tom, profile }
  }
  const rowsOf = (recipient: string) => database.db.select().from(outbox).where(eq(outbox.recipient, recipient))

  it('queues one email per recipient with the invoice, and delivers each once with the PDF', async () => {
    const { lea, tom } = await aPurchaseWithEmail()
    expect(await rowsOf(lea.email)).toEqual([expect.objectContaining({ status: 'pending', language: 'fr' })])
    // Two jobs at once: the rows are claimed by one of them each.
    await Promise.all([runLifecycle(deps), runLifecycle(deps)])
    const mine = smtp.received.filter((m) => m.to.includes(lea.email) || m.to.includes(tom.email))
    expect(mine.map((m) => m.to).sort()).toEqual([[lea.email], [tom.email]].sort())
    const toLea = mine.find((m) => m.to.includes(lea.email))!.raw
    const toTom = mine.find((m) => m.to.includes(tom.email))!.raw
    expect(toLea).toContain('Subject: Facture 1 de Selfserve')
    expect(toTom).toContain('Subject: Invoice 1 from Selfserve')
    for (const raw of [toLea, toTom]) {
      expect(raw).toContain('Content-Type: application/pdf')
      expect(raw).toMatch(/filename=.?invoice-1-[0-9a-f]{8}\.pdf/)
      expect(raw).toContain('JVBERi0') // "%PDF-" in base64
    }
    expect(await rowsOf(lea.email)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })])
    // Later runs send nothing again.
    clock.advanceDays(1)
    await runLifecycle(deps)
    expect(smtp.received.filter((m) => m.to.includes(lea.email))).toHaveLength(1)
  })

  it('tries again after its backoff when the server refuses the first attempt, and sends once', async () => {
    const { lea, tom } = await aPurchaseWithEmail()
    smtp.refuse(2)
    const first = await runLifecycle(deps)
    expect(first.invoiceEmailsRetried).toBe(2)
    expect(smtp.received).toHaveLength(0)
    // Not before the backoff…
    await runLifecycle(deps)
    expect(smtp.received).toHaveLength(0)
    // …then once.
    clock.set(new Date(clock.now().getTime() + backoffMs(1)))
    await Promise.all([runLifecycle(deps), runLifecycle(deps)])
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([lea.email, tom.email].sort())
    expect(await rowsOf(lea.email)).toEqual([expect.objectContaining({ status: 'sent', attempts: 2 })])
  })

  it('queues nothing when the profile does not get invoices in email', async () => {
    const { lea } = await aPurchaseWithEmail({ emailInvoices: false })
    expect(await rowsOf(lea.email)).toEqual([])
  })
})

describe('delivering the outbox, with an injected clock', () => {
  let database: Database
  const sent: InvoiceEmail[] = []
  let failing = false
  const mailer: InvoiceMailer = {
    async sendInvoice(email) {
      if (failing) throw Object.assign(new Error('451 busy'), { responseCode: 451 })
      sent.push(email)
    },
  }
  beforeAll(async () => {
    database = await freshDatabase('pglite')
  })
  afterAll(() => database.close())

  async function aQueuedEmail() {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    const profile = await aBillingProfile(database.db, user)
    await database.db
      .update(billingProfiles)
      .set({ invoiceEmailRecipients: user.email })
      .where(eq(billingProfiles.id, profile.id))
    const product = await aProduct(database.db)
    const deps = testDeps(database, clock)
    const out = await purchaseSubscription(deps, actorOf(user), {
      productCode: product.code,
      quantity: 1,
      frequency: 'monthly',
      billingProfileId: profile.id,
      payment: aNewCardPayment(clock.now()),
      idempotencyKey: randomUUID(),
    })
    if (!out.ok) throw new Error('purchase refused')
    const [row] = await database.db.select().from(outbox).where(eq(outbox.recipient, user.email))
    return { deps, row: row! }
  }

  it('leaves a claimed email to its sender until the lease passes (a sender that died)', async () => {
    clock.set('2026-11-25T10:00:00Z')
    const { deps, row } = await aQueuedEmail()
    // A sender claimed it and died before sending.
    await database.db
      .update(outbox)
      .set({ status: 'sending', attempts: 1, lockedUntil: new Date(clock.now().getTime() + SEND_LEASE_MS) })
      .where(eq(outbox.id, row.id))
    sent.length = 0
    expect((await deliverInvoiceEmails(deps, mailer)).sent).toBe(0)
    clock.set(new Date(clock.now().getTime() + SEND_LEASE_MS))
    expect((await deliverInvoiceEmails(deps, mailer)).sent).toBe(1)
    expect(sent.map((e) => e.messageId)).toEqual([`<invoice-email-${row.id}@selfserve.invalid>`])
  })

  it('backs off 1, 2, 4 … minutes and gives up as failed after the last attempt', async () => {
    clock.set('2026-11-25T10:00:00Z')
    const { deps, row } = await aQueuedEmail()
    failing = true
    try {
      for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
        const report = await deliverInvoiceEmails(deps, mailer)
        const [now] = await database.db.select().from(outbox).where(eq(outbox.id, row.id))
        expect(now!.attempts).toBe(attempt)
        if (attempt < MAX_EMAIL_ATTEMPTS) {
          expect(report.retried).toBe(1)
          expect(now!.status).toBe('pending')
          expect(now!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(backoffMs(attempt))
          expect(now!.lastError).toBe('451: 451 busy')
          clock.set(now!.nextAttemptAt)
        } else {
          expect(report.failed).toBe(1)
          expect(now!.status).toBe('failed')
        }
      }
      expect(backoffMs(1)).toBe(60_000)
      expect(backoffMs(3)).toBe(240_000)
      clock.advanceDays(30)
      expect((await deliverInvoiceEmails(deps, mailer)).retried).toBe(0)
    } finally {
      failing = false
    }
  })

  it('writes .eml files outside production without SMTP_URL, and sends nothing in production without it', async () => {
    clock.set('2026-11-25T10:00:00Z')
    const dir = await mkdtemp(join(tmpdir(), 'selfserve-mail-'))
    try {
      const settings = { smtpUrl: undefined, mailDir: dir, from: 'Selfserve <invoices@selfserve.test>' }
      const files = invoiceMailerFor({ ...settings, env: 'development' })
      expect(files.description).toBe(`written as .eml files in ${dir}`)
      expect(invoiceMailerFor({ ...settings, env: 'production' })).toEqual({
        mailer: undefined,
        description: 'not sent: set SMTP_URL',
      })
      const { deps, row } = await aQueuedEmail()
      expect((await deliverInvoiceEmails(deps, files.mailer!)).sent).toBe(1)
      const [name] = await readdir(dir)
      expect(name).toBe(`invoice-email-${row.id}selfserve.invalid.eml`)
      const eml = await readFile(join(dir, name!), 'utf8')
      expect(eml).toContain(`To: ${row.recipient}`)
      expect(eml).toContain('Subject: Invoice 1 from Selfserve')
      expect(eml).toContain('Content-Type: application/pdf')
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
