import { randomUUID } from 'node:crypto'
import type { users } from '../schema/index'
import { generatePeople } from './names'
import type { OrgScenario } from './scenario'

export type DemoUser = typeof users.$inferInsert & { id: string }

export type OrgPeople = {
  all: DemoUser[]
  byEmail: Map<string, DemoUser>
  /** Who may hold a licence: active members of the organization (DESIGN §1, §4). */
  licensable: DemoUser[]
}

/** The organization's named people followed by its generated members, a few of them disabled. */
export function orgPeople(scenario: OrgScenario, orgId: string, passwordHash: string, joinedAt: Date): OrgPeople {
  const localsHere = scenario.people
    .filter((p) => p.email.endsWith(`@${scenario.domain}`))
    .map((p) => p.email.split('@')[0]!)
  const generated = generatePeople({
    count: scenario.generated.count,
    seed: scenario.generated.seed,
    frenchShare: scenario.generated.frenchShare,
    takenLocals: new Set(localsHere),
    reservedNames: new Set(scenario.people.map((p) => p.displayName)),
  })
  const disabled = spreadIndices(scenario.generated.disabled, generated.length)

  // Joined one minute apart, in list order, so "newest first" lists have a stable order.
  const at = (i: number) => new Date(joinedAt.getTime() + i * 60_000)
  const named: DemoUser[] = scenario.people.map((p, i) => ({
    id: randomUUID(),
    orgId,
    displayName: p.displayName,
    email: p.email,
    kind: p.kind ?? 'member',
    status: 'active',
    role: p.role ?? 'user',
    language: p.language,
    passwordHash,
    createdAt: at(i),
  }))
  const others: DemoUser[] = generated.map((p, i) => ({
    id: randomUUID(),
    orgId,
    displayName: p.displayName,
    email: `${p.emailLocal}@${scenario.domain}`,
    kind: 'member',
    status: disabled.has(i) ? 'disabled' : 'active',
    role: 'user',
    language: p.language,
    passwordHash,
    createdAt: at(named.length + i),
  }))
  const all = [...named, ...others]
  return {
    all,
    byEmail: new Map(all.map((u) => [u.email.toLowerCase(), u])),
    licensable: all.filter((u) => u.kind === 'member' && u.status === 'active'),
  }
}

export function personOf(people: OrgPeople, email: string): DemoUser {
  const user = people.byEmail.get(email.toLowerCase())
  if (!user) throw new Error(`demo data names an unknown person ${email}`)
  return user
}

/** `n` indices spread evenly over 0…length-1, so the disabled members are not all in one place. */
function spreadIndices(n: number, length: number): Set<number> {
  return new Set(Array.from({ length: Math.min(n, length) }, (_, k) => Math.floor(((k + 0.5) * length) / n)))
}
