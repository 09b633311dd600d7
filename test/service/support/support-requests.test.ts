import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, supportRequests } from '../../../src/db/schema/index'
import type { Actor } from '../../../src/services/deps'
import { fileSupportRequest, supportSubscriptionChoices } from '../../../src/services/support/file-support-request'
import {
  getSupportRequest,
  listSupportRequests,
  type SupportFilter,
} from '../../../src/services/support/list-support-requests'
import { reopenSupportRequest, resolveSupportRequest } from '../../../src/services/support/resolve-support-request'
import { actorOf, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const now = new Date('2026-11-25T10:00:00Z')

describe.each(DATABASE_KINDS)('support requests on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as {
    lea: Actor
    tom: Actor
    guest: Actor
    admin: Actor
    otherAdmin: Actor
    leaSub: string
    tomSub: string
    deletedSub: string
  }

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock(now))
    const { db } = database
    const org = await anOrganization(db)
    const other = await anOrganization(db)
    w.lea = actorOf(await aUser(db, org.id, { displayName: 'Léa Martin' }))
    w.tom = actorOf(await aUser(db, org.id, { displayName: 'Tom Dubois' }))
    w.guest = actorOf(await aUser(db, org.id, { kind: 'guest' }))
    w.admin = actorOf(await aUser(db, org.id, { role: 'admin' }))
    w.otherAdmin = actorOf(await aUser(db, other.id, { role: 'admin' }))
    const product = await aProduct(db, { nameEn: 'Project Plan 3', nameFr: 'Planification de projets 3' })
    const at = new Date('2026-11-01T00:00:00Z')
    const sub = (purchaserId: string, over = {}) =>
      aSubscription(db, { orgId: org.id, purchaserId, productId: product.id, at, ...over })
    w.leaSub = (await sub(w.lea.id)).id
    w.tomSub = (await sub(w.tom.id)).id
    w.deletedSub = (await sub(w.lea.id, { status: 'deleted' })).id
  })
  afterAll(() => database.close())

  const file = (actor: Actor, over: Partial<{ subject: string; message: string; subscriptionId: string | null }>) =>
    fileSupportRequest(deps, actor, {
      subject: 'Invoice question',
      message: 'Where is it?',
      subscriptionId: null,
      ...over,
    })
  const list = async (actor: Actor, f: Partial<SupportFilter> = {}) => {
    const out = await listSupportRequests(deps, actor, { scope: 'own', status: 'any', page: 1, ...f })
    if (!out.ok) throw new Error(out.refusal)
    return out.value
  }
  const stored = async (id: string) =>
    (await database.db.select().from(supportRequests).where(eq(supportRequests.id, id)))[0]

  it('files a request without a subscription, open, at the clock’s time, audited', async () => {
    const out = await file(w.lea, { subject: '  Where is my invoice?  ', message: 'Line one\r\nLine two\r\n' })
    if (!out.ok) throw new Error(out.refusal)
    const row = await stored(out.value.id)
    expect(row).toMatchObject({
      userId: w.lea.id,
      subject: 'Where is my invoice?',
      body: 'Line one\nLine two',
      subscriptionId: null,
      status: 'open',
      createdAt: now,
    })
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, out.value.id))
    expect(audit.map((a) => [a.action, a.actorId, a.before, a.after])).toEqual([
      [
        'support_request.filed',
        w.lea.id,
        null,
        { subject: 'Where is my invoice?', subscriptionId: null, status: 'open' },
      ],
    ])
  })

  it('files a request about one of the user’s own subscriptions', async () => {
    const out = await file(w.lea, { subject: 'About my plan', subscriptionId: w.leaSub })
    if (!out.ok) throw new Error(out.refusal)
    expect((await stored(out.value.id))?.subscriptionId).toBe(w.leaSub)
    const details = await getSupportRequest(deps, w.lea, out.value.id)
    expect(details.ok && [details.value.subscription?.productName.en, details.value.subscriptionLink]).toEqual([
      'Project Plan 3',
      'own',
    ])
  })

  it('offers only the user’s own subscriptions that are not deleted', async () => {
    expect((await supportSubscriptionChoices(deps, w.lea)).map((s) => s.id)).toEqual([w.leaSub])
    expect(await supportSubscriptionChoices(deps, w.guest)).toEqual([])
  })

  it('refuses someone else’s, a deleted or a made-up subscription, and stores nothing', async () => {
    const before = (await list(w.lea)).total
    for (const subscriptionId of [w.tomSub, w.deletedSub, 'not-an-id', '00000000-0000-4000-8000-000000000000'])
      expect(await file(w.lea, { subscriptionId })).toEqual({ ok: false, refusal: 'unknown_subscription' })
    expect((await list(w.lea)).total).toBe(before)
  })

  it('refuses an empty or too long subject or message, counting characters as the database does', async () => {
    expect(await file(w.lea, { subject: ' \t ' })).toMatchObject({ refusal: 'subject_required' })
    expect(await file(w.lea, { subject: 'x'.repeat(201) })).toMatchObject({ refusal: 'subject_too_long' })
    expect(await file(w.lea, { message: '\r\n' })).toMatchObject({ refusal: 'message_required' })
    expect(await file(w.lea, { message: 'x'.repeat(5001) })).toMatchObject({ refusal: 'message_too_long' })
    // 5,000 emoji are 10,000 UTF-16 units but 5,000 characters: accepted, and the check constraint agrees.
    expect((await file(w.lea, { subject: '🙂'.repeat(200), message: '🙂'.repeat(5000) })).ok).toBe(true)
  })

  it('lets a guest file and see their own requests', async () => {
    const out = await file(w.guest, { subject: 'Guest access' })
    expect(out.ok).toBe(true)
    expect((await list(w.guest)).rows.map((r) => r.subject)).toEqual(['Guest access'])
  })

  it('lists a user’s own requests only, newest first', async () => {
    deps.clock = fixedClock('2026-11-26T10:00:00Z')
    await file(w.tom, { subject: 'Tom’s first' })
    deps.clock = fixedClock('2026-11-27T10:00:00Z')
    await file(w.tom, { subject: 'Tom’s second', subscriptionId: w.tomSub })
    const tom = await list(w.tom)
    expect(tom.rows.map((r) => [r.subject, r.subscription?.productName.en ?? null, r.status])).toEqual([
      ['Tom’s second', 'Project Plan 3', 'open'],
      ['Tom’s first', null, 'open'],
    ])
    expect((await list(w.lea)).rows.every((r) => r.requester.id === w.lea.id)).toBe(true)
  })

  it('lets an admin list every request of the organization, and no one else', async () => {
    const all = await list(w.admin, { scope: 'all' })
    expect(new Set(all.rows.map((r) => r.requester.displayName))).toEqual(
      new Set(['Léa Martin', 'Tom Dubois', w.guest.displayName]),
    )
    expect(await listSupportRequests(deps, w.lea, { scope: 'all', status: 'any', page: 1 })).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect((await list(w.otherAdmin, { scope: 'all' })).total).toBe(0)
  })

  it('marks a request resolved, audited with before and after, and the requester sees it', async () => {
    const { id } = (await list(w.tom)).rows[0]!
    deps.clock = fixedClock('2026-11-28T09:00:00Z')
    expect(await resolveSupportRequest(deps, w.admin, id)).toEqual({ ok: true, value: { id } })
    const seen = await getSupportRequest(deps, w.tom, id)
    expect(seen.ok && [seen.value.status, seen.value.resolvedBy?.displayName, seen.value.canResolve]).toEqual([
      'closed',
      w.admin.displayName,
      false,
    ])
    expect((await list(w.tom, { status: 'closed' })).rows.map((r) => r.id)).toEqual([id])
    expect((await list(w.tom, { status: 'open' })).rows.map((r) => r.id)).not.toContain(id)
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'support_request.resolved')))
    expect(audit.map((a) => [a.actorId, a.before, a.after])).toEqual([
      [
        w.admin.id,
        { status: 'open', resolvedAt: null, resolvedBy: null },
        { status: 'closed', resolvedAt: '2026-11-28T09:00:00.000Z', resolvedBy: w.admin.id },
      ],
    ])
    expect(await resolveSupportRequest(deps, w.admin, id)).toEqual({ ok: false, refusal: 'already_resolved' })
  })

  it('reopens a resolved request once, audited', async () => {
    const { id } = (await list(w.tom, { status: 'closed' })).rows[0]!
    expect((await reopenSupportRequest(deps, w.admin, id)).ok).toBe(true)
    expect(await reopenSupportRequest(deps, w.admin, id)).toEqual({ ok: false, refusal: 'not_resolved' })
    expect(await stored(id)).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null })
    const actions = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, id))
    expect(actions.map((a) => a.action)).toContain('support_request.reopened')
  })

  it('lets two admins resolving at once take turns: one resolves, the other is told it already is', async () => {
    const { id } = (await list(w.tom, { status: 'open' })).rows[0]!
    const outs = await Promise.all([1, 2, 3].map(() => resolveSupportRequest(deps, w.admin, id)))
    expect(outs.filter((o) => o.ok)).toHaveLength(1)
    expect(outs.filter((o) => !o.ok).map((o) => !o.ok && o.refusal)).toEqual(['already_resolved', 'already_resolved'])
  })

  it('shows a request to its requester and the organization’s admins only; other tenants find nothing', async () => {
    const { id } = (await list(w.lea)).rows[0]!
    expect((await getSupportRequest(deps, w.lea, id)).ok).toBe(true)
    expect((await getSupportRequest(deps, w.admin, id)).ok).toBe(true)
    for (const actor of [w.tom, w.guest, w.otherAdmin])
      expect(await getSupportRequest(deps, actor, id)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await getSupportRequest(deps, w.lea, 'nope')).toEqual({ ok: false, refusal: 'not_found' })
  })

  it('refuses to resolve for the requester, a member and another tenant’s admin, and changes nothing', async () => {
    const { id } = (await list(w.lea, { status: 'open' })).rows[0]!
    for (const actor of [w.lea, w.tom, w.otherAdmin]) {
      expect(await resolveSupportRequest(deps, actor, id)).toEqual({ ok: false, refusal: 'not_found' })
      expect(await reopenSupportRequest(deps, actor, id)).toEqual({ ok: false, refusal: 'not_found' })
    }
    expect((await stored(id))?.status).toBe('open')
  })

  it('pages 25 at a time and clamps a page past the last', async () => {
    for (let i = 0; i < 26; i++) await file(w.guest, { subject: `Request ${i}` })
    const first = await list(w.guest)
    expect([first.rows.length, first.total, first.pages]).toEqual([25, 27, 2])
    const last = await list(w.guest, { page: 9 })
    expect([last.page, last.rows.length]).toEqual([2, 2])
  })
})
