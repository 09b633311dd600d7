import { formatDate, formatMoney, formatNumber, formatPercentBp } from '../../../src/i18n/format'
import { INVOICE_TYPE_LABELS, paymentTermsLabel } from '../../../src/i18n/labels'
import type { InvoiceDetails, InvoiceLine } from '../../../src/services/invoices/get-invoice'
import type { AddressSnapshot } from '../../../src/db/schema/index'
import type { ViewContext } from '../../context'
import { DataTable } from '../../components/data-table'
import { type Child, h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { invoicesUrl, invoiceUrl, profileUrl } from '../../urls'
import { cardText } from '../payment-methods/format'
import { InvoiceStatusBadge } from './invoices'
import { addressLines, documentTitle, periodText } from './format'

function Row(p: { label: string; children?: Child }): SafeHtml {
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  )
}

function Address(p: { ctx: ViewContext; id: string; title: string; address: AddressSnapshot }): SafeHtml {
  const lines = addressLines(p.ctx.t, p.ctx.locale, p.address)
  return (
    <section class="invoice-party" aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      <p class="address">{lines.map((l, i) => (i === 0 ? l : [<br />, l]))}</p>
    </section>
  )
}

/** One invoice or credit note (DESIGN §6), every field the PDF has too; prints without the portal around it. */
export function InvoicePage(p: { ctx: ViewContext; invoice: InvoiceDetails; pdfUrl?: string }): string {
  const { t, locale } = p.ctx
  const inv = p.invoice
  const money = (amount: number) => formatMoney(amount, inv.currency, locale)
  const title = documentTitle(t, inv)
  return Layout({
    ctx: p.ctx,
    title,
    children: (
      <div class="invoice">
        <p class="no-print">
          <a href={invoicesUrl()}>{t('invoice.back')}</a>
        </p>
        <h1>{title}</h1>
        {p.pdfUrl ? (
          <div class="button-row no-print">
            <a class="button" href={p.pdfUrl} download="">
              {t('invoice.downloadPdf')}
            </a>
          </div>
        ) : null}
        <dl class="summary-list">
          <Row label={t('invoice.number')}>{String(inv.number)}</Row>
          <Row label={t('invoice.date')}>
            <time datetime={inv.issuedAt.toISOString()}>{formatDate(inv.issuedAt, locale)}</time>
          </Row>
          <Row label={t('invoice.type')}>{t(INVOICE_TYPE_LABELS[inv.type])}</Row>
          <Row label={t('invoice.status')}>
            <InvoiceStatusBadge ctx={p.ctx} row={inv} />
          </Row>
          <Row label={t('invoice.period')}>{periodText(t, locale, inv.periodStart, inv.periodEnd)}</Row>
          <Row label={t('invoice.paymentTerms')}>{t(paymentTermsLabel(inv.paymentTerms))}</Row>
          <Row label={t('invoice.profile')}>
            <a href={profileUrl(inv.profile.id)}>{inv.profile.name}</a>
          </Row>
          {inv.profile.poNumber ? <Row label={t('invoice.poNumber')}>{inv.profile.poNumber}</Row> : null}
          <Row label={t(inv.kind === 'credit_note' ? 'invoice.refundedTo' : 'invoice.paidBy')}>
            {inv.card ? cardText(p.ctx, inv.card) : t('invoice.noCard')}
          </Row>
          {inv.credits ? (
            <Row label={t('invoice.credits')}>
              <a href={invoiceUrl(inv.credits.id)}>{documentTitle(t, { kind: 'invoice', ...inv.credits })}</a>
            </Row>
          ) : null}
          {inv.creditedBy.length > 0 ? (
            <Row label={t('invoice.creditedBy')}>
              <ul class="plain-list">
                {inv.creditedBy.map((c) => (
                  <li>
                    <a href={invoiceUrl(c.id)}>{documentTitle(t, { kind: 'credit_note', ...c })}</a>
                  </li>
                ))}
              </ul>
            </Row>
          ) : null}
        </dl>
        <div class="invoice-parties">
          <Address ctx={p.ctx} id="sold-to" title={t('invoice.soldTo')} address={inv.soldTo} />
          <Address ctx={p.ctx} id="bill-to" title={t('invoice.billTo')} address={inv.billTo} />
        </div>
        <h2>{t('invoice.lines')}</h2>
        <DataTable<InvoiceLine>
          caption={t('invoice.lines')}
          captionHidden
          rows={inv.lines}
          columns={[
            { header: t('invoice.col.description'), cell: (l) => l.description[locale] },
            { header: t('invoice.col.dates'), cell: (l) => periodText(t, locale, l.periodStart, l.periodEnd) },
            { header: t('invoice.col.unitPrice'), cell: (l) => money(l.unitPrice), numeric: true },
            { header: t('invoice.col.quantity'), cell: (l) => formatNumber(l.quantity, locale), numeric: true },
            { header: t('invoice.col.amount'), cell: (l) => money(l.amount), numeric: true },
            { header: t('invoice.col.taxRate'), cell: (l) => formatPercentBp(l.taxRateBp, locale), numeric: true },
            { header: t('invoice.col.tax'), cell: (l) => money(l.tax), numeric: true },
          ]}
        />
        <h2>{t('invoice.totals')}</h2>
        <dl class="summary-list invoice-totals">
          <Row label={t('invoice.subtotal')}>{money(inv.subtotal)}</Row>
          <Row label={t('invoice.tax')}>{money(inv.tax)}</Row>
          <div class="summary-list__row summary-list__row--total">
            <dt>{t('invoice.total')}</dt>
            <dd>{money(inv.total)}</dd>
          </div>
        </dl>
      </div>
    ),
  })
}
