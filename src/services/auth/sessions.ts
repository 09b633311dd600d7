import { createHash, randomBytes } from 'node:crypto'
import { and, eq, lt, sql } from 'drizzle-orm'
import { notifications, sessions, users } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Db } from '../../db/client'
import type { Actor, Deps } from '../deps'

export const SESSION_DAYS = 7
const DAY_MS = 86_400_000

const hashId = (id: string) => createHash('sha256').update(id).digest('base64url')

/** Starts a session for a signed-in user; returns the secret cookie value. */
export async function startSession(
  deps: Deps,
  user: { id: string; orgId: string },
): Promise<{ cookie: string; expiresAt: Date }> {
  const cookie = randomBytes(32).toString('base64url')
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS)
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(sessions)
      .values({ idHash: hashId(cookie), orgId: user.orgId, userId: user.id, createdAt: now, expiresAt })
    // Housekeeping: expired sessions of this user go; no job needed for it.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), lt(sessions.expiresAt, now)))
    await recordAudit(tx, {
      orgId: user.orgId,
      actorId: user.id,
      action: 'session.signed_in',
      entityType: 'user',
      entityId: user.id,
      at: now,
    })
  })
  return { cookie, expiresAt }
}

/** The active user behind a session cookie, or null (unknown, expired, or user disabled). */
export async function actorForSession(deps: Deps, cookie: string | undefined): Promise<Actor | null> {
  return (await signedInUser(deps, cookie, { countUnread: false }))?.actor ?? null
}

export type SignedInUser = { actor: Actor; unread: number }

/**
 * The active user behind a session cookie and, when asked (a full page's header), how many of their
 * notifications are unread: one statement for both, since every page asks (issue 15's query budget).
 * Null when the session is unknown or expired, or the user is disabled.
 */
export async function signedInUser(
  deps: Deps,
  cookie: string | undefined,
  o: { countUnread: boolean },
): Promise<SignedInUser | null> {
  if (!cookie || cookie.length > 100) return null
  const [row] = await sessionQuery(deps.db, o.countUnread).execute({
    idHash: hashId(cookie),
    now: deps.clock.now().toISOString(),
  })
  if (row?.status !== 'active') return null
  const { status: _status, unread: n, ...actor } = row
  return { actor, unread: Number(n) }
}

// Built once per database handle and prepared, with and without the unread count: every request runs one,
// and drizzle's building of it was a share of each page's CPU (issue 15).
const sessionQueries = new WeakMap<Db, Map<boolean, ReturnType<typeof prepareSessionQuery>>>()
function sessionQuery(db: Db, countUnread: boolean) {
  let byKind = sessionQueries.get(db)
  if (!byKind) {
    byKind = new Map()
    sessionQueries.set(db, byKind)
  }
  let query = byKind.get(countUnread)
  if (!query) {
    query = prepareSessionQuery(db, countUnread)
    byKind.set(countUnread, query)
  }
  return query
}

function prepareSessionQuery(db: Db, countUnread: boolean) {
  const unread = countUnread
    ? sql<number>`(select count(*)::int from ${notifications} where ${notifications.orgId} = ${users.orgId}
        and ${notifications.userId} = ${users.id} and ${notifications.readAt} is null)`
    : sql<number>`0`
  return db
    .select({
      id: users.id,
      orgId: users.orgId,
      displayName: users.displayName,
      email: users.email,
      kind: users.kind,
      role: users.role,
      language: users.language,
      status: users.status,
      unread,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.idHash, sql.placeholder('idHash')), sql`${sessions.expiresAt} > ${sql.placeholder('now')}`))
    .prepare(countUnread ? 'signed_in_user_unread' : 'signed_in_user')
}

/** Ends the session behind a cookie, if there is one. */
export async function endSession(deps: Deps, cookie: string | undefined): Promise<void> {
  if (!cookie) return
  await deps.db.transaction(async (tx) => {
    const [ended] = await tx
      .delete(sessions)
      .where(eq(sessions.idHash, hashId(cookie)))
      .returning({ orgId: sessions.orgId, userId: sessions.userId })
    if (!ended) return
    await recordAudit(tx, {
      orgId: ended.orgId,
      actorId: ended.userId,
      action: 'session.signed_out',
      entityType: 'user',
      entityId: ended.userId,
      at: deps.clock.now(),
    })
  })
}
