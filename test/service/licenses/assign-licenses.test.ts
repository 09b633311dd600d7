import { and, count, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, licenseAssignments, subscriptions, users } from '../../../src/db/schema/index'
import { assignLicenses } from '../../../src/services/licenses/assign-licenses'
import { unassignLicenses } from '../../../src/services/licenses/unassign-licenses'
import { assignedUsers } from '../../../src/services/subscriptions/assigned-counts'
import { changeLicenses } from '../../../src/services/subscriptions/change-licenses'
import { actorOf, aBillingProfile, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const start = new Date('2026-11-01T00:00:00Z')

describe.each(DATABASE_KINDS)('assigning licences on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-20T10:00:00Z'))
    const { db } = database
    w.org = await anOrganization(db)
    w.other = await anOrganization(db)
    w.buyer = await aUser(db, w.org.id, { displayName: 'Buyer' })
    w.product = await aProduct(db)
    w.people = await Promise.all(
      Array.from({ length: 45 }, (_, i) =>
        aUser(db, w.org.id, { displayName: `Person ${String(i).padStart(2, '0')}` }),
      ),
    )
  })
  afterAll(() => database.close())

  const sub = (over: object = {}) =>
    aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.buyer.id,
      productId: w.product.id,
      at: start,
      ...over,
    })
  const assignedCount = async (id: string) =>
    Number(
      (
        await database.db
          .select({ n: count() })
          .from(licenseAssignments)
          .where(eq(licenseAssignments.subscriptionId, id))
      )[0]!.n,
    )

  it('assigns people, skips those who already hold one, and writes before/after counts', async () => {
    const s = await sub({ quantity: 5 })
    const [a, b, c] = w.people
    expect(await assignLicenses(deps, actorOf(w.buyer), s.id, [a.id, b.id])).toMatchObject({
      ok: true,
      value: { available: 3 },
    })
    const again = await assignLicenses(deps, actorOf(w.buyer), s.id, [a.id, c.id])
    expect(again.ok && again.value.skipped.map((p) => p.id)).toEqual([a.id])
    expect(again.ok && again.value.assigned.map((p) => p.id)).toEqual([c.id])
    const audit = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, s.id), eq(auditEvents.action, 'licenses.assigned')))
    expect(audit.map((e) => [(e.before as any).assigned, (e.after as any).assigned])).toEqual([
      [0, 2],
      [2, 3],
    ])
  })

  it('fails the whole batch when it would exceed the free licences, saying how many', async () => {
    const s = await sub({ quantity: 3 })
    expect(
      await assignLicenses(
        deps,
        actorOf(w.buyer),
        s.id,
        w.people.slice(0, 5).map((p: any) => p.id),
      ),
    ).toEqual({ ok: false, refusal: 'not_enough_licenses', details: { available: 3, chosen: 5 } })
    expect(await assignedCount(s.id)).toBe(0)
  })

  it('refuses 21 people at once, guests, disabled users and another organization’s users', async () => {
    const s = await sub({ quantity: 50 })
    expect(
      await assignLicenses(
        deps,
        actorOf(w.buyer),
        s.id,
        w.people.slice(0, 21).map((p: any) => p.id),
      ),
    ).toEqual({ ok: false, refusal: 'too_many_at_once', details: { max: 20, chosen: 21 } })
    const guest = await aUser(database.db, w.org.id, { kind: 'guest' })
    const disabled = await aUser(database.db, w.org.id, { status: 'disabled' })
    const stranger = await aUser(database.db, w.other.id)
    for (const u of [guest, disabled, stranger])
      expect(await assignLicenses(deps, actorOf(w.buyer), s.id, [u.id])).toEqual({
        ok: false,
        refusal: 'invalid_users',
        details: { invalid: 1 },
      })
    expect(await assignLicenses(deps, actorOf(w.buyer), s.id, [])).toEqual({ ok: false, refusal: 'none_chosen' })
    expect(await assignLicenses(deps, actorOf(stranger), s.id, [w.people[0].id])).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    const off = await sub({ status: 'disabled' })
    expect(await assignLicenses(deps, actorOf(w.buyer), off.id, [w.people[0].id])).toEqual({
      ok: false,
      refusal: 'not_assignable',
    })
  })

  it('never gives more than 10 licences to 40 people assigning at once', async () => {
    const s = await sub({ quantity: 10 })
    const results = await Promise.all(
      w.people.slice(0, 40).map((p: any) => assignLicenses(deps, actorOf(w.buyer), s.id, [p.id])),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.refusal === 'not_enough_licenses')).toBe(true)
    expect(await assignedCount(s.id)).toBe(10)
  })

  it('keeps one row when the same person is assigned twice at once', async () => {
    const s = await sub({ quantity: 10 })
    const results = await Promise.all([
      assignLicenses(deps, actorOf(w.buyer), s.id, [w.people[0].id]),
      assignLicenses(deps, actorOf(w.buyer), s.id, [w.people[0].id]),
    ])
    expect(results.every((r) => r.ok)).toBe(true)
    expect(await assignedCount(s.id)).toBe(1)
  })

  it('never leaves more assigned than the total while licences are removed and assigned at once', async () => {
    const buyer = await aUser(database.db, w.org.id)
    await aBillingProfile(database.db, buyer)
    const s = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: buyer.id,
      productId: w.product.id,
      at: new Date('2026-11-18T00:00:00Z'),
      quantity: 20,
    })
    const people = w.people.slice(0, 20)
    const work = [
      ...people.map((p: any) => assignLicenses(deps, actorOf(buyer), s.id, [p.id])),
      ...[15, 12, 10, 8].map((total) => changeLicenses(deps, actorOf(buyer), s.id, total, `k${total}`)),
    ]
    await Promise.all(work)
    const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, s.id))
    expect(await assignedCount(s.id)).toBeLessThanOrEqual(after!.quantity)
  })

  it('unassigns the chosen users and records the counts', async () => {
    const s = await sub({ quantity: 5, assignedUserIds: w.people.slice(0, 3).map((p: any) => p.id) })
    expect(
      await unassignLicenses(deps, actorOf(w.buyer), s.id, [w.people[0].id, w.people[1].id, w.people[44].id]),
    ).toEqual({ ok: true, value: { unassigned: 2 } })
    expect(await assignedCount(s.id)).toBe(1)
    expect(await unassignLicenses(deps, actorOf(w.people[0]), s.id, [w.people[2].id])).toEqual({
      ok: false,
      refusal: 'not_found',
    })
  })
  // Holders come by name from an index on license_assignments.holder_name, which triggers keep (issue 15).
  it('lists holders by their current name, after a rename too', async () => {
    const s = await sub({ quantity: 3, assignedUserIds: [w.people[30].id, w.people[31].id] })
    const names = async () =>
      (await assignedUsers(database.db, w.org.id, s.id, { limit: 10 })).map((u) => u.displayName)
    expect(await names()).toEqual(['Person 30', 'Person 31'])
    await database.db.update(users).set({ displayName: 'Aaron Person' }).where(eq(users.id, w.people[31].id))
    expect(await names()).toEqual(['Aaron Person', 'Person 30'])
    await database.db.update(users).set({ displayName: 'Person 31' }).where(eq(users.id, w.people[31].id))
  })

  // Every list shows subscriptions.assigned_count, which triggers keep (issue 15): after every assignment,
  // removal, racing change and move above, it must still say what the assignments say.
  it("keeps each subscription's assigned count equal to its assignments after everything above", async () => {
    const s = await sub({ quantity: 6, assignedUserIds: w.people.slice(10, 14).map((p: any) => p.id) })
    await assignLicenses(deps, actorOf(w.buyer), s.id, [w.people[20].id])
    await unassignLicenses(deps, actorOf(w.buyer), s.id, [w.people[10].id, w.people[11].id])
    await database.db
      .update(licenseAssignments)
      .set({ subscriptionId: (await sub({ quantity: 3 })).id })
      .where(and(eq(licenseAssignments.subscriptionId, s.id), eq(licenseAssignments.userId, w.people[12].id)))
    const counted = await database.db
      .select({ id: subscriptions.id, column: subscriptions.assignedCount, n: count(licenseAssignments.id) })
      .from(subscriptions)
      .leftJoin(licenseAssignments, eq(licenseAssignments.subscriptionId, subscriptions.id))
      .groupBy(subscriptions.id)
    expect(counted.length).toBeGreaterThan(5)
    for (const row of counted) expect(row.column, row.id).toBe(Number(row.n))
    expect(counted.find((r) => r.id === s.id)?.column).toBe(2)
  })
  // Last: it empties the table for every test above.
  it('counts no holders after the assignments are truncated', async () => {
    const s = await sub({ quantity: 3, assignedUserIds: [w.people[40].id] })
    await database.db.execute(sql`truncate license_assignments`)
    const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, s.id))
    expect(after?.assignedCount).toBe(0)
  })
})
