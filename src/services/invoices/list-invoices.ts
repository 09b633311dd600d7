import { type KeysetCursor, keysetPage } from '../keyset-page'
import { and, asc, desc, gte, lt, sql, type SQL } from 'drizzle-orm'
import { billingAccounts, billingProfiles, invoices } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'
import { hasBilling } from '../billing/billing-accounts'
import { ok, refuse } from '../outcome'
import {
  type InvoiceRange,
  type RangeProblem,
  type ResolvedRange,
  resolveInvoiceRange,
  type WiderRange,
  widerRanges,
} from './invoice-range'
import { accountOfProfile, ownInvoice, profileOfInvoice, signed } from './own-invoices'

export const INVOICES_PAGE_SIZE = 25
/** How many rows the CSV export reads at a time: it streams, so a long range never sits in memory. */
const EXPORT_BATCH = 500

export type InvoiceKind = (typeof invoices.kind.enumValues)[number]
export type InvoiceType = (typeof invoices.type.enumValues)[number]
export type InvoiceStatus = (typeof invoices.status.enumValues)[number]

/** One row of Bills & payments → Invoices (DESIGN §6). Amounts are signed: a credit note's are negative. */
export type InvoiceRow = {
  id: string
  number: number
  kind: InvoiceKind
  type: InvoiceType
  issuedAt: Date
  profileName: string
  subtotal: number
  tax: number
  total: number
  currency: string
  status: InvoiceStatus
}

/** Where a page starts: after (older than) or before (newer than) a row, by date then id. */
export type PageCursor = KeysetCursor<string>

export type InvoiceList = {
  rows: InvoiceRow[]
  /** The cursor of the next older page, or null when this page reaches the range's start. */
  older: PageCursor | null
  /** The cursor of the newer page before this one, or null on the first page. */
  newer: PageCursor | null
  /** When the range holds nothing: the wider ranges to offer instead. */
  wider: WiderRange[]
}

/** The answer of the list and the export: the value; not_found for a guest; or each problem of the range. */
export type RangeOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: 'not_found' }
  | { ok: false; refusal: 'invalid_range'; problems: RangeProblem[] }

/** A cursor as the URL holds it: the row's date and id. */
export function cursorText(c: PageCursor): string {
  return `${c.at.toISOString()}_${c.id}`
}
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/
export function parseCursor(direction: 'older' | 'newer', text: string | undefined): PageCursor | null {
  const m = text ? CURSOR.exec(text) : null
  if (!m) return null
  const at = new Date(m[1]!)
  return Number.isNaN(at.getTime()) ? null : { direction, at, id: m[2]! }
}

/**
 * One page of the user's invoices and credit notes issued in the range, newest first, keyset
 * paginated (a page never skips or repeats a row when invoices are issued meanwhile). Refuses
 * not_found for a guest and invalid_range with each problem of a specified range.
 */
export async function listInvoices(
  deps: Deps,
  actor: Actor,
  range: InvoiceRange,
  cursor: PageCursor | null = null,
): Promise<RangeOutcome<InvoiceList>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const resolved = resolveInvoiceRange(range, deps.clock.now())
  if (!resolved.ok) return { ok: false, refusal: 'invalid_range', problems: resolved.problems }
  const found = await selectRows(deps, actor, resolved.value, cursor, INVOICES_PAGE_SIZE + 1)
  const page = keysetPage(found, INVOICES_PAGE_SIZE, cursor, (row) => ({ at: row.issuedAt, id: row.id }))
  return ok({
    ...page,
    wider: page.rows.length === 0 && cursor === null ? widerRanges(range, deps.clock.now()) : [],
  })
}

/**
 * Every invoice of the range, newest first, a batch at a time: what Export CSV streams. Refuses as
 * listInvoices does.
 */
export async function exportInvoices(
  deps: Deps,
  actor: Actor,
  range: InvoiceRange,
): Promise<RangeOutcome<AsyncGenerator<InvoiceRow[]>>> {
  if (!hasBilling(actor)) return refuse('not_found')
  const resolved = resolveInvoiceRange(range, deps.clock.now())
  if (!resolved.ok) return { ok: false, refusal: 'invalid_range', problems: resolved.problems }
  const span = resolved.value
  async function* batches(): AsyncGenerator<InvoiceRow[]> {
    let cursor: PageCursor | null = null
    for (;;) {
      const rows = await selectRows(deps, actor, span, cursor, EXPORT_BATCH)
      if (rows.length > 0) yield rows
      if (rows.length < EXPORT_BATCH) return
      const last = rows.at(-1)!
      cursor = { direction: 'older', at: last.issuedAt, id: last.id }
    }
  }
  return ok(batches())
}

async function selectRows(
  deps: Deps,
  actor: Actor,
  range: ResolvedRange,
  cursor: PageCursor | null,
  limit: number,
): Promise<InvoiceRow[]> {
  const conditions: (SQL | undefined)[] = [
    ownInvoice(actor),
    gte(invoices.issuedAt, range.start),
    range.end ? lt(invoices.issuedAt, range.end) : undefined,
  ]
  if (cursor) {
    const key = sql`(${invoices.issuedAt}, ${invoices.id})`
    const at = sql`(${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    conditions.push(cursor.direction === 'older' ? sql`${key} < ${at}` : sql`${key} > ${at}`)
  }
  const order = cursor?.direction === 'newer' ? asc : desc
  const rows = await deps.db
    .select({
      id: invoices.id,
      number: invoices.number,
      kind: invoices.kind,
      type: invoices.type,
      issuedAt: invoices.issuedAt,
      profileName: billingProfiles.name,
      subtotal: invoices.subtotal,
      tax: invoices.tax,
      total: invoices.total,
      currency: invoices.currency,
      status: invoices.status,
    })
    .from(invoices)
    .innerJoin(billingProfiles, profileOfInvoice)
    .innerJoin(billingAccounts, accountOfProfile)
    .where(and(...conditions))
    .orderBy(order(invoices.issuedAt), order(invoices.id))
    .limit(limit)
  return rows.map((r) => ({
    ...r,
    subtotal: signed(r.subtotal, r.kind),
    tax: signed(r.tax, r.kind),
    total: signed(r.total, r.kind),
  }))
}
