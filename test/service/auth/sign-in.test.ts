import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, signInAttempts } from '../../../src/db/schema/index'
import { testDeps } from '../../support/deps'
import { actorForSession, endSession, startSession } from '../../../src/services/auth/sessions'
import { MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES } from '../../../src/services/auth/password'
import { MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, signIn } from '../../../src/services/auth/sign-in'
import { anOrganization, aUser, PASSWORD } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'

describe.each(DATABASE_KINDS)('signing in on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-25T10:00:00Z')
  const deps = () => testDeps(database, clock)
  const attempt = (email: string, password: string, ip: string) => signIn(deps(), { email, password, ip })

  beforeAll(async () => {
    database = await freshDatabase(kind)
  })
  afterAll(() => database.close())

  it('accepts the right password, case-insensitively on the email, and refuses a disabled user', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id, { email: 'Mixed.Case@example.test' })
    const disabled = await aUser(database.db, org.id, { status: 'disabled' })
    expect(await signIn(deps(), { email: ' mixed.case@EXAMPLE.test ', password: PASSWORD, ip: '10.0.0.1' })).toEqual({
      ok: true,
      value: { id: user.id, orgId: org.id },
    })
    expect(await signIn(deps(), { email: disabled.email, password: PASSWORD, ip: '10.0.0.1' })).toEqual({
      ok: false,
      refusal: 'invalid_credentials',
    })
  })

  it('limits failures per account, and forgets them after a minute', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++)
      await signIn(deps(), { email: user.email, password: 'x', ip: `10.1.0.${i}` })
    expect(await signIn(deps(), { email: user.email, password: PASSWORD, ip: '10.2.0.1' })).toEqual({
      ok: false,
      refusal: 'rate_limited',
    })
    clock.set(new Date(clock.now().getTime() + 61_000))
    expect((await signIn(deps(), { email: user.email, password: PASSWORD, ip: '10.2.0.1' })).ok).toBe(true)
  })

  it('checks at most five of 30 parallel wrong passwords for one account and refuses the rest', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    const guesses = Array.from({ length: 30 }, (_, i) => attempt(user.email, `guess-${i}`, '10.3.0.1'))
    const refusals = (await Promise.all(guesses)).map((out) => (out.ok ? 'signed in' : out.refusal))
    expect(refusals.filter((r) => r === 'invalid_credentials')).toHaveLength(MAX_FAILURES_PER_ACCOUNT)
    expect(refusals.filter((r) => r === 'rate_limited')).toHaveLength(30 - MAX_FAILURES_PER_ACCOUNT)
    const recorded = await database.db.select().from(signInAttempts).where(eq(signInAttempts.email, user.email))
    expect(recorded.map((a) => a.succeeded)).toEqual(Array(MAX_FAILURES_PER_ACCOUNT).fill(false))
  })

  it('signs in another account with its correct password from the same IP during that flood', async () => {
    const org = await anOrganization(database.db)
    const [target, colleague] = [await aUser(database.db, org.id), await aUser(database.db, org.id)]
    const flood = Array.from({ length: 30 }, (_, i) => attempt(target.email, `guess-${i}`, '10.4.0.1'))
    const during = attempt(colleague.email, PASSWORD, '10.4.0.1')
    expect(await during).toEqual({ ok: true, value: { id: colleague.id, orgId: org.id } })
    await Promise.all(flood)
    expect((await attempt(colleague.email, PASSWORD, '10.4.0.1')).ok).toBe(true)
    const [success] = await database.db.select().from(signInAttempts).where(eq(signInAttempts.email, colleague.email))
    expect(success?.succeeded).toBe(true)
  })

  it('lets a correct password through an IP over its limit, and refuses wrong ones from it', async () => {
    const ip = '10.9.9.9'
    const at = clock.now()
    const spray = Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => ({ email: `nobody${i}@example.test`, ip, at }))
    await database.db.insert(signInAttempts).values(spray.map((a) => ({ ...a, succeeded: false })))
    const org = await anOrganization(database.db)
    const [user, other] = [await aUser(database.db, org.id), await aUser(database.db, org.id)]
    expect(await attempt(user.email, PASSWORD, ip)).toEqual({ ok: true, value: { id: user.id, orgId: org.id } })
    expect(await attempt(other.email, 'x', ip)).toEqual({ ok: false, refusal: 'rate_limited' })
    expect(await attempt(other.email, 'x', '10.9.9.10')).toEqual({ ok: false, refusal: 'invalid_credentials' })
  })

  it('refuses without counting a failure when too many passwords are being checked at once', async () => {
    const tries = MAX_CONCURRENT_HASHES + MAX_WAITING_HASHES + 10
    const emails = Array.from({ length: tries }, (_, i) => `busy${i}-${kind}@example.test`)
    const outcomes = await Promise.all(emails.map((email, i) => attempt(email, 'x', `10.5.0.${i}`)))
    const limited = outcomes.filter((out) => !out.ok && out.refusal === 'rate_limited').length
    expect(limited).toBeGreaterThanOrEqual(10)
    const failures = await database.db.select().from(signInAttempts).where(inArray(signInAttempts.email, emails))
    expect(failures).toHaveLength(tries - limited)
  })

  it('keeps sessions in the database, ends them on sign-out and after they expire', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    const { cookie } = await startSession(deps(), user)
    expect((await actorForSession(deps(), cookie))?.id).toBe(user.id)
    await endSession(deps(), cookie)
    expect(await actorForSession(deps(), cookie)).toBeNull()
    const second = await startSession(deps(), user)
    clock.set(new Date(clock.now().getTime() + 8 * 86_400_000))
    expect(await actorForSession(deps(), second.cookie)).toBeNull()
  })
})

describe.each(DATABASE_KINDS)('the audit trail of sessions on %s', (kind) => {
  it('records signing in and signing out', async () => {
    const database = await freshDatabase(kind)
    try {
      const deps = testDeps(database, fixedClock('2026-11-25T10:00:00Z'))
      const org = await anOrganization(database.db)
      const user = await aUser(database.db, org.id)
      const { cookie } = await startSession(deps, user)
      await endSession(deps, cookie)
      const events = await database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.orgId, org.id))
        .orderBy(auditEvents.id)
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['session.signed_in', user.id],
        ['session.signed_out', user.id],
      ])
    } finally {
      await database.close()
    }
  })
})
