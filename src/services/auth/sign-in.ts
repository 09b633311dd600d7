import { and, asc, count, eq, gt, sql, type SQL } from 'drizzle-orm'
import { signInAttempts, users } from '../../db/schema/index'
import type { Db, DbOrTx } from '../../db/client'
import type { Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { decoyHash, verifyPassword } from './password'
import { SemaphoreFullError } from './semaphore'

// DESIGN §1: failed sign-ins are limited per account and per IP. Counted in the database so
// that every app instance sees the same count.
export const SIGN_IN_WINDOW_MS = 60_000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 20

export type SignInRefusal = 'invalid_credentials' | 'rate_limited'
type SignedIn = { id: string; orgId: string }

/** Checks email and password. Refuses rate_limited (too many recent failures, or too many
 *  passwords being checked at once), invalid_credentials. */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string; ip: string },
): Promise<Outcome<SignedIn, SignInRefusal>> {
  const email = input.email.trim().toLowerCase()
  const now = deps.clock.now()
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS)

  const claim = await claimAttempt(deps.db, { email, ip: input.ip, at: now, since })
  if (!claim) return refuse('rate_limited')

  let found: SignedIn | undefined
  try {
    found = await checkPassword(deps.db, email, input.password)
  } catch (e) {
    if (!(e instanceof SemaphoreFullError)) throw e
    // Too many passwords being checked at once: this one was not checked, so it is no failure.
    await deps.db.delete(signInAttempts).where(eq(signInAttempts.id, claim.id))
    return refuse('rate_limited')
  }
  if (found) {
    await deps.db.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, claim.id))
    return ok(found)
  }
  return refuse(claim.ipOverLimit ? 'rate_limited' : 'invalid_credentials')
}

/**
 * Counts this attempt before its password is checked: under a lock on the email, count the
 * account's recent failures and, below the limit, write this attempt as a failure; success
 * turns it into a success afterwards. So 30 parallel guesses take turns at the count and at
 * most MAX_FAILURES_PER_ACCOUNT of them are ever checked, on any number of instances. The lock
 * is a transaction-scoped advisory lock (PGlite has them too), so nothing waits on a row that
 * may not exist yet, and it is released at the commit, before the slow hash.
 *
 * The per-IP limit does not refuse here. An address is often many people (an office behind one
 * NAT): refusing at the count would let one person's flood lock out every colleague's correct
 * password (issue 9). So an address over MAX_FAILURES_PER_IP still gets its password checked,
 * and a correct one signs in; a wrong one is answered rate_limited rather than
 * invalid_credentials. We did not key the IP count on (account, IP) instead: the per-account
 * limit already bounds every such pair, so that count would never refuse anything. What bounds
 * guessing is the per-account limit, whatever the address; the IP count is not under the lock
 * (it spans accounts), so parallel requests may read it a few failures late.
 */
async function claimAttempt(
  db: Db,
  a: { email: string; ip: string; at: Date; since: Date },
): Promise<{ id: string; ipOverLimit: boolean } | null> {
  const failures = (tx: DbOrTx, where: SQL) =>
    tx
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(where, eq(signInAttempts.succeeded, false), gt(signInAttempts.at, a.since)))
      .then((r) => Number(r[0]?.n ?? 0))
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`signin:${a.email}`}))`)
    if ((await failures(tx, eq(signInAttempts.email, a.email))) >= MAX_FAILURES_PER_ACCOUNT) return null
    const ipOverLimit = (await failures(tx, eq(signInAttempts.ip, a.ip))) >= MAX_FAILURES_PER_IP
    const [row] = await tx
      .insert(signInAttempts)
      .values({ email: a.email, ip: a.ip, at: a.at, succeeded: false })
      .returning({ id: signInAttempts.id })
    return { id: row!.id, ipOverLimit }
  })
}

/** The active account with this email whose password matches, if any. */
async function checkPassword(db: Db, email: string, password: string): Promise<SignedIn | undefined> {
  // The same email may exist in two organizations (unique per organization, DESIGN §1): the
  // first account, oldest first, whose password matches wins.
  const candidates = await db
    .select({ id: users.id, orgId: users.orgId, passwordHash: users.passwordHash, status: users.status })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .orderBy(asc(users.createdAt))
  for (const user of candidates) {
    const matches = await verifyPassword(password, user.passwordHash)
    if (matches && user.status === 'active') return { id: user.id, orgId: user.orgId }
  }
  // Same work for an unknown email as for a wrong password: no timing hint of who has an account.
  if (candidates.length === 0) await verifyPassword(password, await decoyHash())
  return undefined
}
