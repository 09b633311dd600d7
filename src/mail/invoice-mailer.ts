import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import { invoiceEmailText } from '../../views/pages/invoices/invoice-email'
import { invoicePdf, pdfFileName } from '../../views/pages/invoices/invoice-pdf'
import { translator } from '../i18n/index'
import type { InvoiceEmail, InvoiceMailer } from '../services/invoices/invoice-emails'

// The only code that knows how mail leaves the app (as src/payments/ is for the gateway): nodemailer over
// SMTP_URL, or, outside production without it, .eml files in a folder, which a developer opens in any
// mail reader. The email and its PDF are composed here from the views, in the recipient's language.

export type MailSettings = { smtpUrl: string | undefined; mailDir: string; from: string; env: string }

/** The mailer the settings ask for, and a line for the start-up banner; none in production without SMTP. */
export function invoiceMailerFor(s: MailSettings): { mailer: InvoiceMailer | undefined; description: string } {
  if (s.smtpUrl) {
    const url = new URL(s.smtpUrl)
    return { mailer: smtpInvoiceMailer(s.smtpUrl, s.from), description: `sent through ${url.hostname}:${url.port}` }
  }
  if (s.env === 'production') return { mailer: undefined, description: 'not sent: set SMTP_URL' }
  return { mailer: fileInvoiceMailer(s.mailDir, s.from), description: `written as .eml files in ${s.mailDir}` }
}

/** Invoice emails through an SMTP server (`smtp://user:pass@host:587`, or `smtps://` for TLS). */
export function smtpInvoiceMailer(smtpUrl: string, from: string): InvoiceMailer {
  const transport = nodemailer.createTransport(smtpUrl)
  return {
    async sendInvoice(email) {
      await transport.sendMail(await compose(email, from))
    },
  }
}

/** Invoice emails written as `<message id>.eml` files in `dir`: the same email twice is the same file. */
export function fileInvoiceMailer(dir: string, from: string): InvoiceMailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    async sendInvoice(email) {
      const info = await transport.sendMail(await compose(email, from))
      await mkdir(dir, { recursive: true })
      const name = email.messageId.replace(/[^A-Za-z0-9.-]/g, '')
      await writeFile(join(dir, `${name}.eml`), info.message as Buffer)
    },
  }
}

async function compose(email: InvoiceEmail, from: string): Promise<SendMailOptions> {
  const { subject, text } = invoiceEmailText(email.invoice, email.language)
  const pdf = await invoicePdf(email.invoice, email.language, translator(email.language)('app.name'))
  return {
    from,
    to: email.to,
    subject,
    text,
    messageId: email.messageId,
    headers: { 'Content-Language': email.language },
    attachments: [{ filename: pdfFileName(email.invoice), content: pdf, contentType: 'application/pdf' }],
  }
}
