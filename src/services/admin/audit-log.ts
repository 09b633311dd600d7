import { type KeysetCursor, keysetPage } from '../keyset-page'
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm'
import { auditEvents, products, subscriptions, users } from '../../db/schema/index'
import { DAY_MS } from '../../money/proration'
import type { Actor, Deps } from '../deps'
import { parseDay } from '../invoices/invoice-range'
import { ok, refuse } from '../outcome'
import { isAdmin } from './admin-access'
import { type AuditChange, auditChanges } from './audit-changes'

export const AUDIT_PAGE_SIZE = 25
/** How many events the CSV export reads at a time: it streams, so a long log never sits in memory. */
const EXPORT_BATCH = 500

/** The log's filter as the URL holds it. `actor` is a user's id, or 'system' for the lifecycle job's events;
 *  `from` and `to` are days typed as yyyy-mm-dd (both included), empty for no bound. */
export type AuditFilter = { actor: string | null; action: string | null; from: string; to: string }
export const NO_AUDIT_FILTER: AuditFilter = { actor: null, action: null, from: '', to: '' }

/** Why the dates cannot be used; each names the field the user fixes. */
export type AuditDateProblem =
  | { field: 'from'; refusal: 'from_invalid' }
  | { field: 'to'; refusal: 'to_invalid' | 'start_after_end' }

export type AuditOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; refusal: 'not_found' }
  | { ok: false; refusal: 'invalid_dates'; problems: AuditDateProblem[] }

/** Where a page starts: after (older than) or before (newer than) an event, by time then id. */
export type AuditCursor = KeysetCursor<number>

export type AuditPerson = { id: string; displayName: string; email: string }

/** One event: who (null: the system), what, when, on what, and what changed. */
export type AuditRow = {
  id: number
  at: Date
  actor: AuditPerson | null
  action: string
  entityType: string
  entityId: string
  /** A name for the entity when the log can give one (a product's, a subscription's product's). */
  entityName: { en: string; fr: string } | null
  /** A self-service subscription: the admin's page of it exists. */
  entityIsPurchase: boolean
  before: unknown
  after: unknown
  changes: AuditChange[]
}

export type AuditLog = {
  rows: AuditRow[]
  /** The cursor of the next older page, or null when this page is the last. */
  older: AuditCursor | null
  /** The cursor of the newer page before this one, or null on the first page. */
  newer: AuditCursor | null
}

/** A cursor as the URL holds it: the event's time and id. */
export function auditCursorText(c: AuditCursor): string {
  return `${c.at.toISOString()}_${c.id}`
}
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_(\d{1,15})$/
export function parseAuditCursor(direction: 'older' | 'newer', text: string | undefined): AuditCursor | null {
  const m = text ? CURSOR.exec(text) : null
  if (!m) return null
  const at = new Date(m[1]!)
  return Number.isNaN(at.getTime()) ? null : { direction, at, id: Number(m[2]) }
}

type Span = { start: Date | null; end: Date | null }

/** The instants the typed days cover, `to` included; every problem at once for the error summary. */
export function resolveAuditDates(
  filter: Pick<AuditFilter, 'from' | 'to'>,
): { ok: true; value: Span } | { ok: false; problems: AuditDateProblem[] } {
  const problems: AuditDateProblem[] = []
  const from = filter.from === '' ? null : parseDay(filter.from)
  const to = filter.to === '' ? null : parseDay(filter.to)
  if (filter.from !== '' && !from) problems.push({ field: 'from', refusal: 'from_invalid' })
  if (filter.to !== '' && !to) problems.push({ field: 'to', refusal: 'to_invalid' })
  if (from && to && from > to) problems.push({ field: 'to', refusal: 'start_after_end' })
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, value: { start: from, end: to ? new Date(to.getTime() + DAY_MS) : null } }
}

/**
 * One page of the organization's audit log (DESIGN §8), newest first, filtered by who, what and when,
 * keyset paginated on (at, id): a page costs the same on a million events, never skips or repeats one
 * when events are written meanwhile, and nothing counts the whole log. Refuses not_found to anyone but
 * an admin, invalid_dates with each problem of the dates.
 */
export async function listAuditLog(
  deps: Deps,
  actor: Actor,
  filter: AuditFilter,
  cursor: AuditCursor | null = null,
): Promise<AuditOutcome<AuditLog>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const span = resolveAuditDates(filter)
  if (!span.ok) return { ok: false, refusal: 'invalid_dates', problems: span.problems }
  const found = await selectEvents(deps, actor.orgId, filter, span.value, cursor, AUDIT_PAGE_SIZE + 1)
  const page = keysetPage(found, AUDIT_PAGE_SIZE, cursor, (e) => ({ at: e.at, id: e.id }))
  return ok({ ...page, rows: await withEntityNames(deps, actor.orgId, page.rows) })
}

/** Every event of the filter, newest first, a batch at a time: what the CSV export streams. Refuses as
 *  listAuditLog does. */
export async function exportAuditLog(
  deps: Deps,
  actor: Actor,
  filter: AuditFilter,
): Promise<AuditOutcome<AsyncGenerator<AuditRow[]>>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const span = resolveAuditDates(filter)
  if (!span.ok) return { ok: false, refusal: 'invalid_dates', problems: span.problems }
  const dates = span.value
  async function* batches(): AsyncGenerator<AuditRow[]> {
    let cursor: AuditCursor | null = null
    for (;;) {
      const rows = await selectEvents(deps, actor.orgId, filter, dates, cursor, EXPORT_BATCH)
      if (rows.length > 0) yield rows
      if (rows.length < EXPORT_BATCH) return
      const last = rows.at(-1)!
      cursor = { direction: 'older', at: last.at, id: last.id }
    }
  }
  return ok(batches())
}

/**
 * The users the log's "who" filter offers: the organization's people who appear in it. Read as a loose
 * index scan over (org_id, actor_id, at) — one index probe per distinct actor — rather than a DISTINCT
 * that would read every event of the organization. Refuses not_found to anyone but an admin.
 */
export async function auditLogActors(deps: Deps, actor: Actor): Promise<AuditOutcome<AuditPerson[]>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const org = actor.orgId
  const people = await deps.db
    .select({ id: users.id, displayName: users.displayName, email: users.email })
    .from(users)
    .where(
      and(
        eq(users.orgId, org),
        sql`${users.id} in (
          with recursive seen(id) as (
            (select actor_id from audit_events where org_id = ${org} and actor_id is not null
              order by actor_id limit 1)
            union all
            select (select e.actor_id from audit_events e where e.org_id = ${org} and e.actor_id > seen.id
              order by e.actor_id limit 1)
            from seen where seen.id is not null
          )
          select id from seen where id is not null)`,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.email))
  return ok(people)
}

async function selectEvents(
  deps: Deps,
  orgId: string,
  filter: AuditFilter,
  span: Span,
  cursor: AuditCursor | null,
  limit: number,
): Promise<AuditRow[]> {
  const conditions: (SQL | undefined)[] = [
    eq(auditEvents.orgId, orgId),
    filter.actor === 'system' ? isNull(auditEvents.actorId) : undefined,
    filter.actor && filter.actor !== 'system' ? eq(auditEvents.actorId, filter.actor) : undefined,
    filter.action ? eq(auditEvents.action, filter.action) : undefined,
    span.start ? gte(auditEvents.at, span.start) : undefined,
    span.end ? lt(auditEvents.at, span.end) : undefined,
  ]
  if (cursor) {
    const key = sql`(${auditEvents.at}, ${auditEvents.id})`
    const at = sql`(${cursor.at.toISOString()}::timestamptz, ${cursor.id}::bigint)`
    // The plain bound on `at` lets the (org_id, …, at) indexes start at the cursor; the row comparison
    // then settles ties between events of the same instant by id.
    if (cursor.direction === 'older') conditions.push(lte(auditEvents.at, cursor.at), sql`${key} < ${at}`)
    else conditions.push(gte(auditEvents.at, cursor.at), sql`${key} > ${at}`)
  }
  const order = cursor?.direction === 'newer' ? asc : desc
  const rows = await deps.db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorName: users.displayName,
      actorEmail: users.email,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(and(...conditions))
    .orderBy(order(auditEvents.at), order(auditEvents.id))
    .limit(limit)
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? '', email: r.actorEmail ?? '' } : null,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    entityName: null,
    entityIsPurchase: false,
    before: r.before,
    after: r.after,
    changes: auditChanges(r.before, r.after),
  }))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The page's products and subscriptions by name: one small lookup (a union) for at most one page of ids. */
async function withEntityNames(deps: Deps, orgId: string, rows: AuditRow[]): Promise<AuditRow[]> {
  const idsOf = (type: string) => [
    ...new Set(rows.filter((r) => r.entityType === type && UUID.test(r.entityId)).map((r) => r.entityId)),
  ]
  const productIds = idsOf('product')
  const subscriptionIds = idsOf('subscription')
  const named = new Map<string, { name: { en: string; fr: string }; purchase: boolean }>()
  if (productIds.length > 0 || subscriptionIds.length > 0) {
    const productNames = deps.db
      .select({
        key: sql<string>`'product:' || ${products.id}`.as('key'),
        en: products.nameEn,
        fr: products.nameFr,
        purchase: sql<boolean>`false`.as('purchase'),
      })
      .from(products)
      .where(inArray(products.id, productIds))
    const subscriptionNames = deps.db
      .select({
        key: sql<string>`'subscription:' || ${subscriptions.id}`.as('key'),
        en: products.nameEn,
        fr: products.nameFr,
        purchase: sql<boolean>`${subscriptions.source} = 'self_service'`.as('purchase'),
      })
      .from(subscriptions)
      .innerJoin(products, eq(products.id, subscriptions.productId))
      .where(and(eq(subscriptions.orgId, orgId), inArray(subscriptions.id, subscriptionIds)))
    for (const n of await productNames.unionAll(subscriptionNames))
      named.set(n.key, { name: { en: n.en, fr: n.fr }, purchase: Boolean(n.purchase) })
  }
  return rows.map((r) => {
    const found = named.get(`${r.entityType}:${r.entityId}`)
    return found ? { ...r, entityName: found.name, entityIsPurchase: found.purchase } : r
  })
}
