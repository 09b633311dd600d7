import { and, eq } from 'drizzle-orm'
import { supportRequests } from '../../db/schema/index'
import { isAdmin } from '../admin/admin-access'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import type { SupportStatus } from './list-support-requests'
import { isUuid } from './support-request-form'

export type ResolveRefusal = 'not_found' | 'already_resolved'
export type ReopenRefusal = 'not_found' | 'not_resolved'

/** A status change, and the refusal when the request already has the status it would get. */
type Change<R extends string> = { from: SupportStatus; to: SupportStatus; action: string; unchanged: R }
const RESOLVE: Change<'already_resolved'> = {
  from: 'open',
  to: 'closed',
  action: 'support_request.resolved',
  unchanged: 'already_resolved',
}
const REOPEN: Change<'not_resolved'> = {
  from: 'closed',
  to: 'open',
  action: 'support_request.reopened',
  unchanged: 'not_resolved',
}

/** Moves a request from one status to the other under its row lock, audited with before and after. */
async function changeStatus<R extends string>(
  deps: Deps,
  actor: Actor,
  id: string,
  change: Change<R>,
): Promise<Outcome<{ id: string }, 'not_found' | R>> {
  if (!isAdmin(actor) || !isUuid(id)) return refuse('not_found')
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    // NOTE: the row lock makes two admins acting at once take turns: the second sees the first's
    // status and is told so, and the audit's "before" is always what the change replaced.
    const [row] = await tx
      .select()
      .from(supportRequests)
      .where(and(eq(supportRequests.orgId, actor.orgId), eq(supportRequests.id, id)))
      .for('update')
    if (!row) return refuse('not_found')
    if (row.status !== change.from) return refuse(change.unchanged)
    const resolved = change.to === 'closed'
    const after = { status: change.to, resolvedAt: resolved ? now : null, resolvedBy: resolved ? actor.id : null }
    await tx.update(supportRequests).set(after).where(eq(supportRequests.id, id))
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: change.action,
      entityType: 'support_request',
      entityId: id,
      before: { status: row.status, resolvedAt: row.resolvedAt, resolvedBy: row.resolvedBy },
      after,
      at: now,
    })
    return ok({ id })
  })
}

/** An admin marks a request of the organization resolved (DESIGN §9). Refuses not_found (anyone
 *  but an admin, another tenant's id) and already_resolved. */
export function resolveSupportRequest(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<{ id: string }, ResolveRefusal>> {
  return changeStatus(deps, actor, id, RESOLVE)
}

/** An admin opens a resolved request again, when the answer did not solve it. Refuses not_found
 *  (anyone but an admin, another tenant's id) and not_resolved. */
export function reopenSupportRequest(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<{ id: string }, ReopenRefusal>> {
  return changeStatus(deps, actor, id, REOPEN)
}
