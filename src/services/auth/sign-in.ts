import { and, asc, count, eq, gt, sql } from 'drizzle-orm'
import { signInAttempts, users } from '../../db/schema/index'
import type { Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { decoyHash, verifyPassword } from './password'

// DESIGN §1: failed sign-ins are limited per account and per IP. Counted in the database so
// that every app instance sees the same count.
export const SIGN_IN_WINDOW_MS = 60_000
export const MAX_FAILURES_PER_ACCOUNT = 5
export const MAX_FAILURES_PER_IP = 20

export type SignInRefusal = 'invalid_credentials' | 'rate_limited'

/** Checks email and password. Refuses rate_limited (too many recent failures), invalid_credentials. */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string; ip: string },
): Promise<Outcome<{ id: string; orgId: string }, SignInRefusal>> {
  const email = input.email.trim().toLowerCase()
  const now = deps.clock.now()
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS)
  const failures = (where: ReturnType<typeof eq>) =>
    deps.db
      .select({ n: count() })
      .from(signInAttempts)
      .where(and(where, eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since)))
      .then((r) => r[0]?.n ?? 0)
  const [byAccount, byIp] = await Promise.all([failures(eq(signInAttempts.email, email)), failures(eq(signInAttempts.ip, input.ip))])
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP) return refuse('rate_limited')

  // The same email may exist in two organizations (unique per organization, DESIGN §1): the
  // first account, oldest first, whose password matches wins.
  const candidates = await deps.db
    .select({ id: users.id, orgId: users.orgId, passwordHash: users.passwordHash, status: users.status })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .orderBy(asc(users.createdAt))
  let found: { id: string; orgId: string } | undefined
  for (const user of candidates) {
    if ((await verifyPassword(input.password, user.passwordHash)) && user.status === 'active') {
      found = { id: user.id, orgId: user.orgId }
      break
    }
  }
  // Same work for an unknown email as for a wrong password: no timing hint of who has an account.
  if (candidates.length === 0) await verifyPassword(input.password, await decoyHash())

  await deps.db.insert(signInAttempts).values({ email, ip: input.ip, at: now, succeeded: Boolean(found) })
  return found ? ok(found) : refuse('invalid_credentials')
}
