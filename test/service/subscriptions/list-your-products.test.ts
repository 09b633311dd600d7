import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { testDeps } from '../../support/deps'
import type { Deps } from '../../../src/services/deps'
import { getSubscription } from '../../../src/services/subscriptions/get-subscription'
import { listYourProducts } from '../../../src/services/subscriptions/list-your-products'
import { actorOf, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'

const at = new Date('2026-11-01T00:00:00Z')

describe.each(DATABASE_KINDS)('Your products on %s', (kind) => {
  let database: Database
  let deps: Deps
  const world = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-25T10:00:00Z'))
    const { db } = database
    const org = await anOrganization(db)
    const other = await anOrganization(db)
    world.lea = await aUser(db, org.id)
    world.colleague = await aUser(db, org.id)
    world.stranger = await aUser(db, other.id)
    const p = await aProduct(db, { nameEn: 'Alpha' })
    const q = await aProduct(db, { nameEn: 'Beta' })
    const mk = (o: object) => aSubscription(db, { orgId: org.id, purchaserId: world.lea.id, productId: p.id, at, ...o })
    world.active = await mk({ quantity: 5, assignedUserIds: [world.lea.id, world.colleague.id] })
    world.byAdmin = await mk({ productId: q.id, source: 'admin' })
    world.trial = await mk({
      status: 'trial',
      startedAsTrial: true,
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
      quantity: 25,
    })
    world.endedTrial = await mk({ productId: q.id, status: 'expired', startedAsTrial: true })
    world.deleted = await mk({ status: 'deleted' })
    world.colleagues = await aSubscription(db, { orgId: org.id, purchaserId: world.colleague.id, productId: p.id, at })
    world.strangers = await aSubscription(db, { orgId: other.id, purchaserId: world.stranger.id, productId: p.id, at })
  })
  afterAll(() => database.close())

  const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort()

  it('lists only the user’s own self-service products, with assigned counts, without deleted ones', async () => {
    const { rows } = await listYourProducts(deps, actorOf(world.lea), {
      tab: 'products',
      scope: 'self_service',
      status: 'any',
    })
    expect(ids(rows)).toEqual([world.active.id])
    expect(rows[0]).toMatchObject({ assigned: 2, quantity: 5, status: 'active', productName: { en: 'Alpha' } })
  })

  it('includes subscriptions bought centrally when asked for all', async () => {
    const { rows } = await listYourProducts(deps, actorOf(world.lea), { tab: 'products', scope: 'all', status: 'any' })
    expect(ids(rows)).toEqual(ids([world.active, world.byAdmin]))
  })

  it('keeps running trials and ended card-less trials on the trials tab', async () => {
    const { rows } = await listYourProducts(deps, actorOf(world.lea), {
      tab: 'trials',
      scope: 'self_service',
      status: 'any',
    })
    expect(ids(rows)).toEqual(ids([world.trial, world.endedTrial]))
    const running = await listYourProducts(deps, actorOf(world.lea), {
      tab: 'trials',
      scope: 'self_service',
      status: 'trial',
    })
    expect(ids(running.rows)).toEqual([world.trial.id])
  })

  it('pages 25 at a time by product name then purchase date; a page past the last shows the last', async () => {
    const buyer = await aUser(database.db, world.lea.orgId)
    const product = await aProduct(database.db, { nameEn: 'Gamma' })
    const made = []
    for (let i = 0; i < 53; i++)
      made.push(
        await aSubscription(database.db, {
          orgId: buyer.orgId,
          purchaserId: buyer.id,
          productId: product.id,
          at: new Date(at.getTime() + i * 60_000),
        }),
      )
    const all = { tab: 'products', scope: 'self_service', status: 'any' } as const
    const first = await listYourProducts(deps, actorOf(buyer), all)
    expect(first).toMatchObject({ total: 53, page: 1, pages: 3 })
    expect(first.rows.map((r) => r.id)).toEqual(made.slice(0, 25).map((s) => s.id))
    const third = await listYourProducts(deps, actorOf(buyer), all, 3)
    expect(third.rows.map((r) => r.id)).toEqual(made.slice(50).map((s) => s.id))
    expect(await listYourProducts(deps, actorOf(buyer), all, 40)).toMatchObject({
      page: 3,
      total: 53,
      rows: third.rows,
    })
    const none = await listYourProducts(deps, actorOf(world.colleague), { ...all, tab: 'trials' }, 2)
    expect(none).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 })
  })

  it('shows a subscription’s details to its purchaser only', async () => {
    const mine = await getSubscription(deps, actorOf(world.lea), world.active.id)
    expect(mine.ok && mine.value.assignedCount).toBe(2)
    expect(mine.ok && mine.value.assignedUsers.map((u) => u.id).sort()).toEqual(
      [world.lea.id, world.colleague.id].sort(),
    )
    expect(await getSubscription(deps, actorOf(world.lea), world.colleagues.id)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await getSubscription(deps, actorOf(world.lea), world.strangers.id)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await getSubscription(deps, actorOf(world.lea), world.deleted.id)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await getSubscription(deps, actorOf(world.stranger), world.active.id)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
  })
})
