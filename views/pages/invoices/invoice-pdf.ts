import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import * as fontkit from 'fontkit'
import PDFDocument from 'pdfkit'
import { formatDate, formatMoney, formatNumber, formatPercentBp } from '../../../src/i18n/format'
import { intlLocale, type Locale, translator } from '../../../src/i18n/index'
import { INVOICE_STATUS_LABELS, INVOICE_TYPE_LABELS, paymentTermsLabel } from '../../../src/i18n/labels'
import type { InvoiceDetails } from '../../../src/services/invoices/get-invoice'
import type { ViewContext } from '../../context'
import { cardText } from '../payment-methods/format'
import { addressLines, documentTitle, periodText } from './format'

// Download PDF (DESIGN §6): the invoice page as a tagged PDF (PDF/UA's building blocks) made by pdfkit.
// Text is real text in an embedded font, so it can be selected, searched and read aloud; the structure
// tree gives screen readers the title, the language, headings, the tables' header cells and the reading
// order, which is the order the content is drawn in. Page furniture (rules) is marked as an artifact.

// DejaVu Sans carries every character of French (’ « » œ, the no-break spaces Intl writes) and the Latin,
// Greek and Cyrillic letters of the names in our data; the standard PDF fonts stop at Latin-1. Read from the
// npm package (nothing is downloaded at run time) and parsed once per process: given bytes, pdfkit parses the
// font again on each doc.font() that names no family, and its tables put the font back that way after every
// cell, so the TTF parsing was 90 % of a document's time (78 ms of a 32 KB invoice; 7.5 ms now, from
// scratch/pdf/render.ts). Given a parsed font and a family name, pdfkit finds the font in the document's cache.
// Documents can share the parsed font: each makes its own subset of it (pdfkit's EmbeddedFont), and a
// document is drawn synchronously, so no two interleave.
const require = createRequire(import.meta.url)
// pdfkit 0.20 takes a parsed fontkit font (anything with layout()) where its types say only bytes or a path.
type Faces = { regular: PDFKit.Mixins.PDFFontSource; bold: PDFKit.Mixins.PDFFontSource }
let faces: Faces | undefined
function loadFonts(): Faces {
  const parse = (file: string) =>
    fontkit.create(readFileSync(require.resolve(file))) as unknown as PDFKit.Mixins.PDFFontSource
  faces ??= {
    regular: parse('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: parse('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  }
  return faces
}

type Struct = PDFKit.PDFStructureElement
type CellStyle = PDFKit.Mixins.CellStyle
// pdfkit tags a table's cells when given its parent element and a header cell's scope; @types/pdfkit
// (0.17) does not know these options of 0.20 yet.
type TaggedCell = PDFKit.Mixins.CellOptions & { scope?: 'Row' | 'Column' | 'Both' }
type TaggedTable = PDFKit.Mixins.TableOptionsWithData & { structParent: Struct; data: TaggedCell[][] }

const MARGIN = 50
const FONT_SIZE = 10

/** "invoice-12-<profile id>.pdf": numbers repeat across profiles, so the name says whose. */
export function pdfFileName(inv: Pick<InvoiceDetails, 'kind' | 'number' | 'profile'>): string {
  const kind = inv.kind === 'credit_note' ? 'credit-note' : 'invoice'
  return `${kind}-${inv.number}-${inv.profile.id.slice(0, 8)}.pdf`
}

/** The PDF of one invoice or credit note in `locale`, as bytes. */
export function invoicePdf(invoice: InvoiceDetails, locale: Locale, seller: string): Promise<Buffer> {
  const t = translator(locale)
  const { regular, bold } = loadFonts()
  const title = documentTitle(t, invoice)
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: intlLocale(locale),
    displayTitle: true,
    // The issue date, not the time of the download: the same invoice gives the same bytes in every process,
    // so its ETag (invoice-pdf-cache.ts) holds across processes and restarts.
    info: {
      Title: title,
      Author: seller,
      Subject: title,
      Creator: seller,
      Producer: seller,
      CreationDate: invoice.issuedAt,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  // The family names are what make pdfkit look a font up in the document instead of parsing it again.
  doc.registerFont('body', regular, 'body')
  doc.registerFont('bold', bold, 'bold')
  doc.font('body').fontSize(FONT_SIZE)

  const root = doc.struct('Document')
  doc.addStructure(root)
  const ctx = { t, locale } as Pick<ViewContext, 't' | 'locale'>
  write(doc, root, ctx as ViewContext, invoice, title)
  root.end()
  doc.end()
  return done
}

function write(doc: PDFKit.PDFDocument, root: Struct, ctx: ViewContext, inv: InvoiceDetails, title: string): void {
  const { t, locale } = ctx
  const money = (amount: number) => formatMoney(amount, inv.currency, locale)
  const width = doc.page.width - 2 * MARGIN

  const heading = (type: 'H1' | 'H2', text: string) => {
    root.add(
      doc.struct(type, {}, () => {
        doc
          .font('bold')
          .fontSize(type === 'H1' ? 18 : 12)
          .text(text, MARGIN, undefined, { width })
      }),
    )
    doc.font('body').fontSize(FONT_SIZE).moveDown(0.3)
  }
  const paragraph = (lines: string[]) => {
    root.add(doc.struct('P', {}, () => doc.text(lines.join('\n'), MARGIN, undefined, { width })))
    doc.moveDown(0.6)
  }
  const field = (label: string, value: string) => t('invoice.pdf.field', { label, value })

  heading('H1', title)
  const facts = [
    field(t('invoice.number'), String(inv.number)),
    field(t('invoice.date'), formatDate(inv.issuedAt, locale)),
    field(t('invoice.type'), t(INVOICE_TYPE_LABELS[inv.type])),
    field(t('invoice.status'), t(INVOICE_STATUS_LABELS[inv.status])),
    field(t('invoice.period'), periodText(t, locale, inv.periodStart, inv.periodEnd)),
    field(t('invoice.paymentTerms'), t(paymentTermsLabel(inv.paymentTerms))),
    field(t('invoice.profile'), inv.profile.name),
    ...(inv.profile.poNumber ? [field(t('invoice.poNumber'), inv.profile.poNumber)] : []),
    field(
      t(inv.kind === 'credit_note' ? 'invoice.refundedTo' : 'invoice.paidBy'),
      inv.card ? cardText(ctx, inv.card) : t('invoice.noCard'),
    ),
    ...(inv.credits ? [field(t('invoice.credits'), documentTitle(t, { kind: 'invoice', ...inv.credits }))] : []),
    ...(inv.creditedBy.length > 0
      ? [
          field(
            t('invoice.creditedBy'),
            inv.creditedBy.map((c) => documentTitle(t, { kind: 'credit_note', ...c })).join(', '),
          ),
        ]
      : []),
  ]
  paragraph(facts)

  heading('H2', t('invoice.soldTo'))
  paragraph(addressLines(t, locale, inv.soldTo))
  heading('H2', t('invoice.billTo'))
  paragraph(addressLines(t, locale, inv.billTo))

  heading('H2', t('invoice.lines'))
  const header = (text: string, alignRight = false): TaggedCell => ({
    text,
    type: 'TH',
    scope: 'Column',
    font: { src: 'bold', size: 9 },
    align: { x: alignRight ? 'right' : 'left', y: 'top' },
  })
  const num = (text: string): TaggedCell => ({ text, align: { x: 'right', y: 'top' } })
  const lines: TaggedTable = {
    structParent: root,
    position: { x: MARGIN },
    maxWidth: width,
    columnStyles: [95, 90, 70, 55, 75, 40, 70],
    // A cell's style may set its font (pdfkit merges it into each cell); the types say only CellStyle.
    defaultStyle: { padding: 3, border: [0, 0, 0.5, 0], borderColor: '#888888', font: { size: 9 } } as CellStyle,
    data: [
      [
        header(t('invoice.col.description')),
        header(t('invoice.col.dates')),
        header(t('invoice.col.unitPrice'), true),
        header(t('invoice.col.quantity'), true),
        header(t('invoice.col.amount'), true),
        header(t('invoice.col.taxRate'), true),
        header(t('invoice.col.tax'), true),
      ],
      ...inv.lines.map((l): TaggedCell[] => [
        { text: l.description[locale], type: 'TH', scope: 'Row' },
        { text: periodText(t, locale, l.periodStart, l.periodEnd) },
        num(money(l.unitPrice)),
        num(formatNumber(l.quantity, locale)),
        num(money(l.amount)),
        num(formatPercentBp(l.taxRateBp, locale)),
        num(money(l.tax)),
      ]),
    ],
  }
  doc.table(lines)
  doc.moveDown(1)

  heading('H2', t('invoice.totals'))
  const totalRow = (label: string, value: string, strong = false): TaggedCell[] => [
    { text: label, type: 'TH', scope: 'Row', font: { src: strong ? 'bold' : 'body' } },
    { text: value, align: { x: 'right', y: 'top' }, font: { src: strong ? 'bold' : 'body' } },
  ]
  const totals: TaggedTable = {
    structParent: root,
    position: { x: MARGIN + width - 220 },
    maxWidth: 220,
    columnStyles: [120, 100],
    defaultStyle: { padding: 3, border: 0 },
    data: [
      totalRow(t('invoice.subtotal'), money(inv.subtotal)),
      totalRow(t('invoice.tax'), money(inv.tax)),
      totalRow(t('invoice.total'), money(inv.total), true),
    ],
  }
  doc.table(totals)
}
