import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents } from '../../../src/db/schema/index'
import {
  type AuditFilter,
  auditLogActors,
  exportAuditLog,
  listAuditLog,
  NO_AUDIT_FILTER,
} from '../../../src/services/admin/audit-log'
import { recordAudit } from '../../../src/services/audit/record-audit'
import { actorOf, anOrganization, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

describe.each(DATABASE_KINDS)('the audit log on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>
  const at = (iso: string) => new Date(iso)

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-25T10:00:00Z'))
    const { db } = database
    const org = await anOrganization(db)
    const other = await anOrganization(db)
    w.admin = actorOf(await aUser(db, org.id, { role: 'admin', displayName: 'Ada' }))
    w.member = actorOf(await aUser(db, org.id, { displayName: 'Léa' }))
    w.quiet = actorOf(await aUser(db, org.id, { displayName: 'Quentin' }))
    w.otherAdmin = actorOf(await aUser(db, other.id, { role: 'admin', displayName: 'Olaf' }))
    const event = (orgId: string, actorId: string | null, action: string, when: Date, n = 0) => ({
      orgId,
      actorId,
      action,
      entityType: 'subscription',
      entityId: `s-${n}`,
      before: { quantity: n },
      after: { quantity: n + 1 },
      at: when,
    })
    // Sixty events at one and the same instant: only the id tells them apart, so pages must use it.
    await db
      .insert(auditEvents)
      .values(
        Array.from({ length: 60 }, (_, n) =>
          event(org.id, n % 2 ? w.member.id : null, 'subscription.licenses_added', at('2026-11-20T10:00:00Z'), n),
        ),
      )
    await db
      .insert(auditEvents)
      .values([
        event(org.id, w.admin.id, 'policy.changed', at('2026-11-21T23:59:59.999Z')),
        event(org.id, w.admin.id, 'policy.changed', at('2026-11-22T00:00:00Z')),
        event(other.id, w.otherAdmin.id, 'policy.changed', at('2026-11-21T12:00:00Z')),
      ])
  })
  afterAll(() => database.close())

  const list = async (filter: Partial<AuditFilter>, actor = w.admin, cursor: any = null) => {
    const out = await listAuditLog(deps, actor, { ...NO_AUDIT_FILTER, ...filter }, cursor)
    if (!out.ok) throw new Error(out.refusal)
    return out.value
  }

  it('refuses anyone but an admin, before reading anything', async () => {
    expect(await listAuditLog(deps, w.member, NO_AUDIT_FILTER)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await exportAuditLog(deps, w.member, NO_AUDIT_FILTER)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await auditLogActors(deps, w.member)).toEqual({ ok: false, refusal: 'not_found' })
  })

  it('pages through events of one instant by id, newest first, never repeating or skipping one', async () => {
    const seen: number[] = []
    let page = await list({ action: 'subscription.licenses_added' })
    seen.push(...page.rows.map((r) => r.id))
    while (page.older) {
      page = await list({ action: 'subscription.licenses_added' }, w.admin, page.older)
      seen.push(...page.rows.map((r) => r.id))
    }
    expect(seen).toHaveLength(60)
    expect(new Set(seen).size).toBe(60)
    expect(seen).toEqual([...seen].sort((a, b) => b - a))
    // Back up from the last page: the page before it, in the same order.
    const back = await list({ action: 'subscription.licenses_added' }, w.admin, page.newer)
    expect(back.rows.map((r) => r.id)).toEqual(seen.slice(25, 50))
    expect(back.newer).not.toBeNull()
  })

  it('keeps to the organization, and offers as people only those who appear in its log', async () => {
    const everything = await list({})
    expect(everything.rows.every((r) => r.actor?.displayName !== 'Olaf')).toBe(true)
    const people = await auditLogActors(deps, w.admin)
    expect(people.ok && people.value.map((p) => p.displayName)).toEqual(['Ada', 'Léa'])
    const theirs = await list({}, w.otherAdmin)
    expect(theirs.rows.map((r) => r.actor?.displayName)).toEqual(['Olaf'])
  })

  it('filters by person, by the system and by days, both days included', async () => {
    expect((await list({ actor: w.member.id, action: 'subscription.licenses_added' })).rows).toHaveLength(25)
    const system = await list({ actor: 'system' })
    expect(system.rows.every((r) => r.actor === null)).toBe(true)
    const day = await list({ from: '2026-11-21', to: '2026-11-21' })
    expect(day.rows.map((r) => r.at.toISOString())).toEqual(['2026-11-21T23:59:59.999Z'])
    const fromOn = await list({ from: '2026-11-22' })
    expect(fromOn.rows.map((r) => r.at.toISOString())).toEqual(['2026-11-22T00:00:00.000Z'])
    expect((await list({ actor: w.quiet.id })).rows).toEqual([])
  })

  it('reads before and after as the fields that changed', async () => {
    const [row] = (await list({ to: '2026-11-20', actor: 'system' })).rows
    expect(row?.changes).toEqual([
      { field: 'quantity', before: String(row!.entityId.slice(2)), after: expect.any(String) },
    ])
  })

  it('names every problem of the dates', async () => {
    expect(await listAuditLog(deps, w.admin, { ...NO_AUDIT_FILTER, from: '2026-02-29', to: 'x' })).toEqual({
      ok: false,
      refusal: 'invalid_dates',
      problems: [
        { field: 'from', refusal: 'from_invalid' },
        { field: 'to', refusal: 'to_invalid' },
      ],
    })
    expect(await listAuditLog(deps, w.admin, { ...NO_AUDIT_FILTER, from: '2026-11-22', to: '2026-11-21' })).toEqual({
      ok: false,
      refusal: 'invalid_dates',
      problems: [{ field: 'to', refusal: 'start_after_end' }],
    })
  })

  it('exports every event of the filter in batches, newest first, including ones written by recordAudit', async () => {
    await recordAudit(database.db, {
      orgId: w.admin.orgId,
      actorId: w.admin.id,
      action: 'organization.new_product_policy_changed',
      entityType: 'organization',
      entityId: w.admin.orgId,
      before: { newProductPolicy: 'allowed' },
      after: { newProductPolicy: 'blocked' },
      at: at('2026-11-24T00:00:00Z'),
    })
    const out = await exportAuditLog(deps, w.admin, NO_AUDIT_FILTER)
    if (!out.ok) throw new Error(out.refusal)
    const rows = []
    for await (const batch of out.value) rows.push(...batch)
    expect(rows).toHaveLength(63)
    expect(rows[0]?.action).toBe('organization.new_product_policy_changed')
    expect(rows[0]?.changes).toEqual([{ field: 'newProductPolicy', before: 'allowed', after: 'blocked' }])
  })
})
