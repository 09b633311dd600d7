import { csvResponse } from '../http/csv-response'
import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { InvoicePage } from '../../views/pages/invoices/invoice'
import { invoicesCsv } from '../../views/pages/invoices/invoices-csv'
import { pdfFileName } from '../../views/pages/invoices/invoice-pdf'
import { cachedInvoicePdf } from '../../views/pages/invoices/invoice-pdf-cache'
import { invoicePdfUrl } from '../../views/urls'
import {
  InvoicesPage,
  type InvoicesProps,
  InvoicesUpdate,
  invoicesCountText,
} from '../../views/pages/invoices/invoices'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { pdfResponse } from '../http/pdf-response'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { INVOICE_RANGE_MAX_MONTHS } from '../rules'
import { getInvoice } from '../services/invoices/get-invoice'
import type { InvoiceRange, RangeProblem } from '../services/invoices/invoice-range'
import { exportInvoices, listInvoices, parseCursor } from '../services/invoices/list-invoices'

/** Bills & payments → Invoices (DESIGN §6, §10): the list by range, Export CSV, one invoice. */
export const invoicesRoutes = signedInRoutes()
type Ctx = Context<SignedInEnv>

// The range as the URL holds it. An unknown choice falls back to the default, so a hand-edited URL still
// shows a page; dates are judged by the service (a real day, start ≤ end, at most 24 months).
const Day = z.string().trim().max(32).catch('')
const RangeQuery = z.object({
  range: z.enum(['past3', 'past6', 'custom']).catch('past3'),
  from: Day,
  to: Day,
  older: z.string().max(80).optional().catch(undefined),
  newer: z.string().max(80).optional().catch(undefined),
})

function rangeOf(c: Ctx) {
  const q = RangeQuery.parse(c.req.query())
  const range: InvoiceRange = q.range === 'custom' ? { kind: 'custom', from: q.from, to: q.to } : { kind: q.range }
  return { q, range, typed: { from: q.from, to: q.to } }
}

function errorsOf(c: Ctx, problems: RangeProblem[]): FieldError[] {
  return problems.map((p) => ({
    field: p.field,
    message: c.var.t(`invoices.range.${p.refusal}`, { months: INVOICE_RANGE_MAX_MONTHS }),
  }))
}

/** The page, or for htmx the results with the error summary and the dates refreshed beside them. */
function answer(c: Ctx, props: InvoicesProps): Promise<Response> {
  const code = props.errors.length > 0 ? 422 : 200
  return pageOrPart(
    c,
    () => c.html(InvoicesPage(props), code),
    () => ({
      fragment: InvoicesUpdate(props),
      status: props.list ? invoicesCountText(props.ctx, props.list) : undefined,
      code,
    }),
  )
}

invoicesRoutes.get('/', async (c) => {
  const { q, range, typed } = rangeOf(c)
  const cursor = parseCursor('older', q.older) ?? parseCursor('newer', q.newer)
  const out = await listInvoices(c.var.deps, c.var.actor, range, cursor)
  const ctx = viewContext(c)
  if (!out.ok && out.refusal === 'not_found') return notFound(c)
  if (!out.ok) return answer(c, { ctx, range, typed, errors: errorsOf(c, out.problems), list: null })
  return answer(c, { ctx, range, typed, errors: [], list: out.value })
})

// Export CSV: every invoice of the range, streamed a batch at a time.
invoicesRoutes.get('/export.csv', async (c) => {
  const { range, typed } = rangeOf(c)
  const out = await exportInvoices(c.var.deps, c.var.actor, range)
  if (!out.ok && out.refusal === 'not_found') return notFound(c)
  if (!out.ok)
    return c.html(
      InvoicesPage({ ctx: viewContext(c), range, typed, errors: errorsOf(c, out.problems), list: null }),
      422,
    )
  const ctx = viewContext(c)
  return csvResponse(c, invoicesCsv(ctx, out.value), csvFileName(range, c.var.deps.clock.now()))
})

function csvFileName(range: InvoiceRange, now: Date): string {
  if (range.kind === 'custom') return `invoices-${range.from}-${range.to}.csv`
  return `invoices-${range.kind}-${now.toISOString().slice(0, 10)}.csv`
}

const Id = z.uuid()

invoicesRoutes.get('/:id', async (c) => {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getInvoice(c.var.deps, c.var.actor, id.data)
  if (!out.ok) return notFound(c)
  return c.html(InvoicePage({ ctx: viewContext(c), invoice: out.value, pdfUrl: invoicePdfUrl(out.value.id) }))
})

// Download PDF: the same invoice in the user's language, as a file named after it. getInvoice is the tenancy
// check, before the cache of rendered PDFs is asked (another user's id is a 404 even when it holds that PDF).
invoicesRoutes.get('/:id/pdf', async (c) => {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getInvoice(c.var.deps, c.var.actor, id.data)
  if (!out.ok) return notFound(c)
  const pdf = await cachedInvoicePdf(out.value, c.var.locale, c.var.t('app.name'))
  return pdfResponse(c, pdf, pdfFileName(out.value))
})
