import { createHash } from 'node:crypto'
import type { Locale } from '../../../src/i18n/index'
import type { InvoiceDetails } from '../../../src/services/invoices/get-invoice'
import { invoicePdf } from './invoice-pdf'

// Download PDF, again: an invoice's PDF is made from its read model (getInvoice), its locale and the seller's
// name, and nothing else (its CreationDate is the issue date), so the same three give the same bytes. An issued
// invoice's amounts, lines, dates and addresses never change (they are a snapshot, DESIGN §6), but what the
// PDF shows beside them can: the billing profile's name and PO number are read as they are now, the status
// moves to credited, a credit note adds itself to "Credited by". So the key is a hash of the whole read
// model, not the invoice's id: a change shows at the next download, and the old entry ages out.
//
// The route reads the read model (the tenancy check, getInvoice) on every request before it asks here, so
// only a user who may see the invoice ever gets a key for it.

/** The cache's bound: about 500 invoices of one page (32 KB each), per process. */
export const PDF_CACHE_BYTES = 16 * 1024 * 1024

export type RenderedPdf = {
  bytes: Uint8Array<ArrayBuffer>
  /** A strong ETag: the SHA-256 of the bytes, the same in every process that renders the same PDF. */
  etag: string
}

type Stats = { renders: number; hits: number; entries: number; bytes: number }

/** A least-recently-used map of rendered PDFs, bounded by their bytes. */
export class PdfCache {
  // A Map iterates in insertion order: a hit is moved to the end, so the first key is the least recent.
  readonly #entries = new Map<string, RenderedPdf>()
  // Renders under way: concurrent downloads of one PDF (a cold cache under load) wait for one render.
  readonly #pending = new Map<string, Promise<RenderedPdf>>()
  #bytes = 0
  #renders = 0
  #hits = 0

  constructor(readonly maxBytes: number) {}

  /** The PDF under `key`, rendered by `render` when absent. One larger than the bound is not kept. */
  async get(key: string, render: () => Promise<Uint8Array<ArrayBuffer>>): Promise<RenderedPdf> {
    const found = this.#entries.get(key)
    if (found) {
      this.#hits++
      this.#entries.delete(key)
      this.#entries.set(key, found)
      return found
    }
    const pending = this.#pending.get(key)
    if (pending) return pending
    const rendering = this.#render(key, render)
    this.#pending.set(key, rendering)
    try {
      return await rendering
    } finally {
      this.#pending.delete(key)
    }
  }

  stats(): Stats {
    return { renders: this.#renders, hits: this.#hits, entries: this.#entries.size, bytes: this.#bytes }
  }

  async #render(key: string, render: () => Promise<Uint8Array<ArrayBuffer>>): Promise<RenderedPdf> {
    this.#renders++
    const bytes = await render()
    const pdf = { bytes, etag: `"${createHash('sha256').update(bytes).digest('base64url')}"` }
    const size = entrySize(key, pdf)
    if (size > this.maxBytes) return pdf
    this.#entries.set(key, pdf)
    this.#bytes += size
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes <= this.maxBytes) break
      this.#entries.delete(oldest)
      this.#bytes -= entrySize(oldest, entry)
    }
    return pdf
  }
}

// The bytes, the key (a 43-character hash) and the ETag; the Map's own few dozen bytes are left out.
const entrySize = (key: string, pdf: RenderedPdf) => pdf.bytes.byteLength + key.length + pdf.etag.length

/** This process's cache of invoice PDFs. */
export const invoicePdfs = new PdfCache(PDF_CACHE_BYTES)

/** The PDF of one invoice or credit note in `locale`, rendered once per process while it stays the same. */
export function cachedInvoicePdf(invoice: InvoiceDetails, locale: Locale, seller: string): Promise<RenderedPdf> {
  // Dates become ISO strings, and the read model's keys come in one order (detailsOf builds it).
  const key = createHash('sha256')
    .update(JSON.stringify([locale, seller, invoice]))
    .digest('base64url')
  return invoicePdfs.get(key, async () => new Uint8Array(await invoicePdf(invoice, locale, seller)))
}
