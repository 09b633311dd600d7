import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { products, subscriptions, supportRequests, users } from '../../db/schema/index'
import { isAdmin } from '../admin/admin-access'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { isUuid } from './support-request-form'

export const SUPPORT_PAGE_SIZE = 25

export type SupportStatus = (typeof supportRequests.status.enumValues)[number]
export const SUPPORT_STATUSES: readonly SupportStatus[] = ['open', 'closed']

/** What the URL holds: whose requests (the user's own, or the organization's for an admin), which status, the page. */
export type SupportFilter = { scope: 'own' | 'all'; status: SupportStatus | 'any'; page: number }

export type SupportRequestRow = {
  id: string
  subject: string
  createdAt: Date
  status: SupportStatus
  requester: { id: string; displayName: string; email: string }
  subscription: { id: string; productName: { en: string; fr: string } } | null
}

export type SupportRequestList = { rows: SupportRequestRow[]; total: number; page: number; pages: number }

/** One request as its page shows it, with what the reader may do to it. */
export type SupportRequestDetails = SupportRequestRow & {
  message: string
  /** The reader sent it (else the reader is an admin reading someone else's). */
  own: boolean
  resolvedAt: Date | null
  resolvedBy: { displayName: string } | null
  /** Where the subscription opens for this reader: its purchaser's own page, the admin's read-only
   *  view of a self-service purchase, or nowhere (deleted, or bought centrally). */
  subscriptionLink: 'own' | 'admin' | null
  canResolve: boolean
  canReopen: boolean
}

const resolver = alias(users, 'resolver')

function baseQuery(deps: Deps) {
  return deps.db
    .select({
      id: supportRequests.id,
      subject: supportRequests.subject,
      createdAt: supportRequests.createdAt,
      status: supportRequests.status,
      message: supportRequests.body,
      resolvedAt: supportRequests.resolvedAt,
      resolverName: resolver.displayName,
      requesterId: users.id,
      requesterName: users.displayName,
      requesterEmail: users.email,
      subscriptionId: subscriptions.id,
      subscriptionStatus: subscriptions.status,
      subscriptionSource: subscriptions.source,
      purchaserId: subscriptions.purchaserId,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
    })
    .from(supportRequests)
    .innerJoin(users, eq(users.id, supportRequests.userId))
    .leftJoin(resolver, eq(resolver.id, supportRequests.resolvedBy))
    .leftJoin(subscriptions, eq(subscriptions.id, supportRequests.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
}

type Selected = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number]

function toRow(r: Selected): SupportRequestRow {
  return {
    id: r.id,
    subject: r.subject,
    createdAt: r.createdAt,
    status: r.status,
    requester: { id: r.requesterId, displayName: r.requesterName, email: r.requesterEmail },
    subscription:
      r.subscriptionId && r.nameEn && r.nameFr
        ? { id: r.subscriptionId, productName: { en: r.nameEn, fr: r.nameFr } }
        : null,
  }
}

function whereOf(actor: Actor, f: Omit<SupportFilter, 'page'>): SQL {
  return and(
    eq(supportRequests.orgId, actor.orgId),
    f.scope === 'own' ? eq(supportRequests.userId, actor.id) : undefined,
    f.status === 'any' ? undefined : eq(supportRequests.status, f.status),
  )!
}

/**
 * The user's support requests, or with scope 'all' every request of the organization (admins
 * only, DESIGN §9), newest first, a page of 25 (the page clamped to the last). Refuses not_found
 * when a non-admin asks for 'all'.
 */
export async function listSupportRequests(
  deps: Deps,
  actor: Actor,
  filter: SupportFilter,
): Promise<Outcome<SupportRequestList, 'not_found'>> {
  if (filter.scope === 'all' && !isAdmin(actor)) return refuse('not_found')
  const where = whereOf(actor, filter)
  const [counted] = await deps.db.select({ total: count() }).from(supportRequests).where(where)
  const total = Number(counted?.total ?? 0)
  const pages = Math.max(1, Math.ceil(total / SUPPORT_PAGE_SIZE))
  const page = Math.min(filter.page, pages)
  const rows = await baseQuery(deps)
    .where(where)
    .orderBy(desc(supportRequests.createdAt), desc(supportRequests.id))
    .limit(SUPPORT_PAGE_SIZE)
    .offset((page - 1) * SUPPORT_PAGE_SIZE)
  return ok({ rows: rows.map(toRow), total, page, pages })
}

/**
 * One support request, for its requester or an admin of the organization; to anyone else (and
 * for another tenant's id) it does not exist. Refuses not_found.
 */
export async function getSupportRequest(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Outcome<SupportRequestDetails, 'not_found'>> {
  if (!isUuid(id)) return refuse('not_found')
  const [r] = await baseQuery(deps).where(and(eq(supportRequests.orgId, actor.orgId), eq(supportRequests.id, id)))
  if (!r || (r.requesterId !== actor.id && !isAdmin(actor))) return refuse('not_found')
  const admin = isAdmin(actor)
  // The purchaser's own pages leave deleted subscriptions out; the admin's view keeps them.
  const subscriptionLink =
    r.subscriptionId && r.purchaserId === actor.id && r.subscriptionStatus !== 'deleted'
      ? 'own'
      : r.subscriptionId && admin && r.subscriptionSource === 'self_service'
        ? 'admin'
        : null
  return ok({
    ...toRow(r),
    message: r.message,
    own: r.requesterId === actor.id,
    resolvedAt: r.resolvedAt,
    resolvedBy: r.resolverName ? { displayName: r.resolverName } : null,
    subscriptionLink,
    canResolve: admin && r.status === 'open',
    canReopen: admin && r.status === 'closed',
  })
}
