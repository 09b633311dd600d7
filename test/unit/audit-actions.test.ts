import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { auditChanges } from '../../src/services/admin/audit-changes'
import { AUDIT_ACTIONS } from '../../src/services/audit/audit-actions'

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )

describe('the audit actions the log knows', () => {
  it('include every action a service or the demo data writes, so each has words in both languages', () => {
    // Every 'area.verb' literal of the services and the seed is an audit action (host names aside).
    const written = new Set(
      [...filesUnder('src/services'), ...filesUnder('src/db/seed')].flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/'([a-z_]+\.[a-z_]+)'/g)].map((m) => m[1]!),
      ),
    )
    const unknown = [...written].filter(
      (a) => !a.endsWith('.example') && !(AUDIT_ACTIONS as readonly string[]).includes(a),
    )
    expect(unknown).toEqual([])
    // update-billing-profile.ts writes `billing_profile.${section}_changed`.
    for (const section of ['name', 'address', 'po', 'email'])
      expect(AUDIT_ACTIONS).toContain(`billing_profile.${section}_changed`)
  })
})

describe('an audit event’s changes', () => {
  it('lists only the fields that changed, each before and after', () => {
    expect(auditChanges({ quantity: 5, status: 'active' }, { quantity: 8, status: 'active' })).toEqual([
      { field: 'quantity', before: '5', after: '8' },
    ])
  })

  it('reads a creation as fields set and a deletion as fields removed', () => {
    expect(auditChanges(null, { productCode: 'PROJ-P3', quantity: 5 })).toEqual([
      { field: 'productCode', before: null, after: 'PROJ-P3' },
      { field: 'quantity', before: null, after: '5' },
    ])
    expect(auditChanges({ last4: '4242' }, null)).toEqual([{ field: 'last4', before: '4242', after: null }])
    expect(auditChanges(null, null)).toEqual([])
  })

  it('writes nested values as compact JSON, and a bare value as one field', () => {
    expect(auditChanges({ address: { city: 'Lyon' } }, { address: { city: 'Paris' } })).toEqual([
      { field: 'address', before: '{"city":"Lyon"}', after: '{"city":"Paris"}' },
    ])
    expect(auditChanges({ address: { city: 'Lyon' } }, { address: { city: 'Lyon' } })).toEqual([])
    expect(auditChanges('on', 'off')).toEqual([{ field: 'value', before: 'on', after: 'off' }])
    expect(auditChanges({ autoRenew: true }, { autoRenew: false })).toEqual([
      { field: 'autoRenew', before: 'true', after: 'false' },
    ])
  })
})
