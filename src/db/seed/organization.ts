import type { Catalog } from './catalog'
import { policyRows } from './activity'
import { orgPeople } from './people'
import { addPurchaser } from './purchases'
import { emptyRows, type DemoRows } from './rows'
import type { OrgScenario } from './scenario'

// Purchasers take their colleagues from well-separated places in the member list.
const PURCHASER_STRIDE = 59

/** Every row of one demo organization but the organization itself, which the caller has claimed. */
export function organizationRows(
  scenario: OrgScenario,
  ctx: { orgId: string; createdAt: Date; now: Date; passwordHash: string; catalog: Catalog },
): DemoRows {
  const rows = emptyRows()
  const people = orgPeople(scenario, ctx.orgId, ctx.passwordHash, ctx.createdAt)
  rows.users.push(...people.all)

  const admin = people.all.find((u) => u.role === 'admin')
  if (!admin && scenario.policies.length > 0) throw new Error(`${scenario.name} has policies but no admin to set them`)
  if (admin) {
    const set = policyRows(ctx.orgId, admin.id, ctx.catalog, ctx.now, scenario.policies)
    rows.policies.push(...set.policies)
    rows.auditEvents.push(...set.audit)
  }

  scenario.purchasers.forEach((story, i) => {
    addPurchaser({ orgId: ctx.orgId, now: ctx.now, catalog: ctx.catalog, people, rows }, story, i * PURCHASER_STRIDE)
  })
  return rows
}
