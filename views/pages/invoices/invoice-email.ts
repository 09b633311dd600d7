import { formatDate, formatMoney } from '../../../src/i18n/format'
import { type Locale, translator } from '../../../src/i18n/index'
import type { InvoiceDetails } from '../../../src/services/invoices/get-invoice'
import { documentTitle } from './format'

/** An invoice email's subject and plain text, in the recipient's language. */
export function invoiceEmailText(invoice: InvoiceDetails, locale: Locale): { subject: string; text: string } {
  const t = translator(locale)
  const app = t('app.name')
  const title = documentTitle(t, invoice)
  const body = t(invoice.kind === 'credit_note' ? 'invoiceEmail.body.credit_note' : 'invoiceEmail.body.invoice', {
    number: invoice.number,
    profile: invoice.profile.name,
    date: formatDate(invoice.issuedAt, locale),
    total: formatMoney(invoice.total, invoice.currency, locale),
  })
  return {
    subject: t('invoiceEmail.subject', { title, app }),
    text: [body, t('invoiceEmail.attached'), '', '—', t('invoiceEmail.why'), app, ''].join('\n'),
  }
}
