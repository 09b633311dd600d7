import { INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, INVOICE_TYPE_LABELS } from '../../../src/i18n/labels'
import type { InvoiceRow } from '../../../src/services/invoices/list-invoices'
import type { ViewContext } from '../../context'
import { CSV_BOM, csvLine, csvNumber } from '../../csv'
import { decimalAmount } from './format'

/**
 * Export CSV: a header, then one line per invoice as the batches arrive, in the user's language; dates as
 * yyyy-mm-dd and amounts as plain signed decimals, so a spreadsheet sorts and adds them up.
 */
export async function* invoicesCsv(ctx: ViewContext, batches: AsyncIterable<InvoiceRow[]>): AsyncGenerator<string> {
  const { t } = ctx
  yield CSV_BOM +
    csvLine([
      t('invoices.col.number'),
      t('invoices.col.kind'),
      t('invoices.col.date'),
      t('invoices.col.profile'),
      t('invoices.col.type'),
      t('invoices.col.subtotal'),
      t('invoices.col.tax'),
      t('invoices.col.total'),
      t('invoices.col.currency'),
      t('invoices.col.status'),
    ])
  for await (const rows of batches) {
    yield rows
      .map((r) =>
        csvLine([
          csvNumber(String(r.number)),
          t(INVOICE_KIND_LABELS[r.kind]),
          r.issuedAt.toISOString().slice(0, 10),
          r.profileName,
          t(INVOICE_TYPE_LABELS[r.type]),
          csvNumber(decimalAmount(r.subtotal, r.currency)),
          csvNumber(decimalAmount(r.tax, r.currency)),
          csvNumber(decimalAmount(r.total, r.currency)),
          r.currency,
          t(INVOICE_STATUS_LABELS[r.status]),
        ]),
      )
      .join('')
  }
}
