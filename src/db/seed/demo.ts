import { eq } from 'drizzle-orm'
import type { Clock } from '../../clock'
import { hashPassword, type ScryptParams } from '../../services/auth/password'
import type { Db, Tx } from '../client'
import { organizations } from '../schema/index'
import { ensureDemoProducts, type Catalog } from './catalog'
import { FABRIKAM } from './fabrikam'
import { NORTHWIND } from './northwind'
import { organizationRows } from './organization'
import { insertRows } from './rows'
import type { OrgScenario } from './scenario'
import { addDays } from './timeline'

// DESIGN §12: the embedded database is migrated and given demo data on first start, and the
// demo sign-ins are printed. Fabrikam's presence is what "already loaded" means.
export const DEMO_ORG_DOMAIN = 'fabrikam.example'

export type DemoSignIn = { email: string; note: string }

const DEMO_SIGN_INS: readonly DemoSignIn[] = [
  { email: 'admin@fabrikam.example', note: 'admin, Fabrikam' },
  { email: 'lea.martin@fabrikam.example', note: 'member with self-service purchases and trials, Fabrikam' },
  { email: 'guest.user@partner.example', note: 'guest, Fabrikam' },
  { email: 'admin@northwind.example', note: 'admin, Northwind (another organization)' },
]

// Fabrikam first: claiming it is the loader's lock (see loadDemoData).
const SCENARIOS: readonly OrgScenario[] = [FABRIKAM, NORTHWIND]

/** Loads the demo organizations (Fabrikam, Northwind) with their people, catalog, purchases,
 *  invoices and activity, in one transaction, every date relative to the clock. Writes
 *  nothing and answers `created: false` when Fabrikam is already there. Tests pass cheaper
 *  `scrypt` parameters for the shared password hash; the app never does. */
export async function loadDemoData(
  db: Db,
  opts: { clock: Clock; password: string; scrypt?: ScryptParams },
): Promise<{ created: boolean; signIns: DemoSignIn[] }> {
  const signIns = DEMO_SIGN_INS.map((s) => ({ ...s }))
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.domain, DEMO_ORG_DOMAIN))
    .limit(1)
  if (existing) return { created: false, signIns }

  // scrypt is deliberately slow and memory-hard (DESIGN §1), about 150 ms a hash: one per demo
  // user would add half a minute to the first start, so every demo user shares this one hash.
  const passwordHash = await hashPassword(opts.password, opts.scrypt)
  const now = opts.clock.now()
  const created = await db.transaction(async (tx) => {
    let catalog: Catalog | undefined
    for (const scenario of SCENARIOS) {
      const createdAt = addDays(now, -scenario.createdDaysAgo)
      const orgId = await claimOrganization(tx, scenario, createdAt)
      // Two instances starting together on an empty database: the second one waits here on the
      // unique domain until the first commits, then finds Fabrikam taken and writes nothing.
      if (!orgId && scenario.domain === DEMO_ORG_DOMAIN) return false
      // Any other domain already taken belongs to someone else: leave that tenant alone.
      if (!orgId) continue
      catalog ??= await ensureDemoProducts(tx, now)
      await insertRows(tx, organizationRows(scenario, { orgId, createdAt, now, passwordHash, catalog }))
    }
    return true
  })
  return { created, signIns }
}

/** Inserts the organization unless its domain is taken; its id, or null when taken. */
async function claimOrganization(tx: Tx, scenario: OrgScenario, createdAt: Date): Promise<string | null> {
  const [row] = await tx
    .insert(organizations)
    .values({ name: scenario.name, domain: scenario.domain, createdAt })
    .onConflictDoNothing({ target: organizations.domain })
    .returning({ id: organizations.id })
  return row?.id ?? null
}

/** The demo sign-ins when the demo organization is in this database (for the start-up banner). */
export async function demoSignInsIfPresent(db: Db): Promise<DemoSignIn[] | null> {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.domain, DEMO_ORG_DOMAIN))
    .limit(1)
  return existing ? DEMO_SIGN_INS.map((s) => ({ ...s })) : null
}

/** True when no organization exists yet: a first start, whatever happened to the data folder. */
export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [any] = await db.select({ id: organizations.id }).from(organizations).limit(1)
  return !any
}
