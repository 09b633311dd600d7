import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents } from '../../../src/db/schema/index'
import { testDeps } from '../../support/deps'
import { actorForSession, endSession, startSession } from '../../../src/services/auth/sessions'
import { MAX_FAILURES_PER_ACCOUNT, signIn } from '../../../src/services/auth/sign-in'
import { anOrganization, aUser, PASSWORD } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'

describe.each(DATABASE_KINDS)('signing in on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-25T10:00:00Z')
  const deps = () => testDeps(database, clock)

  beforeAll(async () => {
    database = await freshDatabase(kind)
  })
  afterAll(() => database.close())

  it('accepts the right password, case-insensitively on the email, and refuses a disabled user', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id, { email: 'Mixed.Case@example.test' })
    const disabled = await aUser(database.db, org.id, { status: 'disabled' })
    expect(await signIn(deps(), { email: ' mixed.case@EXAMPLE.test ', password: PASSWORD, ip: '10.0.0.1' })).toEqual({ ok: true, value: { id: user.id, orgId: org.id } })
    expect(await signIn(deps(), { email: disabled.email, password: PASSWORD, ip: '10.0.0.1' })).toEqual({ ok: false, refusal: 'invalid_credentials' })
  })

  it('limits failures per account, and forgets them after a minute', async () => {
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await signIn(deps(), { email: user.email, password: 'x', ip: `10.1.0.${i}` })
    expect(await signIn(deps(), { email: user.email, password: PASSWORD, ip: '10.2.0.1' })).toEqual({ ok: false, refusal: 'rate_limited' })
    clock.set(new Date(clock.now().getTime() + 61_000))
    expect((await signIn(deps(), { email: user.email, password: PASSWORD, ip: '10.2.0.1' })).ok).toBe(true)
  })

  it('limits failures per IP across accounts', async () => {
    for (let i = 0; i < 20; i++) await signIn(deps(), { email: `nobody${i}@example.test`, password: 'x', ip: '10.9.9.9' })
    const org = await anOrganization(database.db)
    const user = await aUser(database.db, org.id)
    expect(await signIn(deps(), { email: user.email, password: PASSWORD, ip: '10.9.9.9' })).toEqual({ ok: false, refusal: 'rate_limited' })
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
      const events = await database.db.select().from(auditEvents).where(eq(auditEvents.orgId, org.id)).orderBy(auditEvents.id)
      expect(events.map((e) => [e.action, e.actorId])).toEqual([
        ['session.signed_in', user.id],
        ['session.signed_out', user.id],
      ])
    } finally {
      await database.close()
    }
  })
})
