import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { auditCsv } from '../../views/pages/admin/audit-csv'
import { AuditPage, type AuditProps, AuditUpdate, auditShownText } from '../../views/pages/admin/audit'
import { csvResponse } from '../http/csv-response'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import {
  type AuditDateProblem,
  type AuditFilter,
  auditLogActors,
  exportAuditLog,
  listAuditLog,
  parseAuditCursor,
} from '../services/admin/audit-log'

/** Admin → Audit log (DESIGN §8): `/admin/audit` and its export `/admin/audit.csv`. Read-only; anyone but
 *  an admin of the organization gets 404 from the services. */
export const adminAudit = signedInRoutes()
type Ctx = Context<SignedInEnv>

// The filter as the URL holds it. An unknown person or a malformed action falls back to "any", so a
// hand-edited bookmark still shows a page; the dates are judged by the service (a wrong one is a 422).
const Day = z.string().trim().max(32).catch('')
const Query = z.object({
  actor: z
    .union([z.literal('system'), z.uuid()])
    .nullable()
    .catch(null),
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.]{0,79}$/)
    .nullable()
    .catch(null),
  from: Day,
  to: Day,
  older: z.string().max(80).optional().catch(undefined),
  newer: z.string().max(80).optional().catch(undefined),
})

function queryOf(c: Ctx) {
  const q = Query.parse(c.req.query())
  const filter: AuditFilter = { actor: q.actor, action: q.action, from: q.from, to: q.to }
  return { q, filter }
}

function errorsOf(c: Ctx, problems: AuditDateProblem[]): FieldError[] {
  return problems.map((p) => ({ field: p.field, message: c.var.t(`audit.dates.${p.refusal}`) }))
}

/** The page, or for htmx the results with the error summary and the dates refreshed beside them. */
function answer(c: Ctx, props: AuditProps): Promise<Response> {
  const code = props.errors.length > 0 ? 422 : 200
  return pageOrPart(
    c,
    () => c.html(AuditPage(props), code),
    () => ({
      fragment: AuditUpdate(props),
      status: props.log ? auditShownText(props.ctx, props.log) : undefined,
      code,
    }),
  )
}

adminAudit.get('/audit', async (c) => {
  const { q, filter } = queryOf(c)
  const cursor = parseAuditCursor('older', q.older) ?? parseAuditCursor('newer', q.newer)
  const [out, actors] = await Promise.all([
    listAuditLog(c.var.deps, c.var.actor, filter, cursor),
    auditLogActors(c.var.deps, c.var.actor),
  ])
  if (!actors.ok) return notFound(c)
  const ctx = viewContext(c)
  const base = { ctx, filter, actors: actors.value }
  if (out.ok) return answer(c, { ...base, errors: [], log: out.value })
  if (out.refusal === 'not_found') return notFound(c)
  return answer(c, { ...base, errors: errorsOf(c, out.problems), log: null })
})

// Export CSV: every event of the filter, streamed a batch at a time.
adminAudit.get('/audit.csv', async (c) => {
  const { filter } = queryOf(c)
  const out = await exportAuditLog(c.var.deps, c.var.actor, filter)
  if (out.ok) {
    const day = c.var.deps.clock.now().toISOString().slice(0, 10)
    return csvResponse(c, auditCsv(viewContext(c), out.value), `audit-log-${day}.csv`)
  }
  if (out.refusal === 'not_found') return notFound(c)
  const actors = await auditLogActors(c.var.deps, c.var.actor)
  const props = { ctx: viewContext(c), filter, actors: actors.ok ? actors.value : [], log: null }
  return c.html(AuditPage({ ...props, errors: errorsOf(c, out.problems) }), 422)
})
