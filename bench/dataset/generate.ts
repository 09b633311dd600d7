import postgres from 'postgres'
import { fixedClock } from '../../src/clock'
import { openDatabase } from '../../src/db/client'
import { DEMO_ORG_DOMAIN, loadDemoData } from '../../src/db/seed/demo'
import { benchCatalog } from './catalog'
import { type BenchMarker, recreateDatabase, type Sql, writeMarker } from './database'
import * as facts from './facts'
import { type ExistingUser, type OrgSize, writeOrganization } from './organization'
import { seededRandom } from './random'

export const DEMO_PASSWORD = 'selfserve-demo'
export const LEA = 'lea.martin@fabrikam.example'
/** Léa's subscription whose licences page the benchmark reads (issue 15). */
export const BIG_SUBSCRIPTION_USERS = 5000

/** Issue 15's sizes: Fabrikam at scale 1 is 20,000 members, 5,000 subscriptions across 50 purchasers,
 *  100,000 licence holders, 200,000 invoices and 1,000,000 audit events; a scale multiplies all but the
 *  audit events. Purchasers grow with it too, so what one purchaser owns (Léa's page) stays the same
 *  size and only the organization around her grows. */
export function sizeOf(scale: number, share = 1): OrgSize {
  return {
    members: 20_000 * scale * share,
    purchasers: 50 * scale * share,
    subscriptions: 5000 * scale * share,
    assignments: 100_000 * scale * share,
    invoices: 200_000 * scale * share,
    auditEvents: 1_000_000 * share,
  }
}

// Other tenants, a tenth of Fabrikam each (plus the demo's Northwind), so a query that forgets
// org_id reads rows it should not and shows it.
const OTHER_ORGS = [
  { name: 'Contoso', domain: 'contoso.example', country: 'FR' },
  { name: 'Tailspin Toys', domain: 'tailspin.example', country: 'DE' },
  { name: 'Woodgrove Bank', domain: 'woodgrove.example', country: 'FR' },
] as const

export type GenerateOptions = { url: string; scale: number; seed: number; now: Date; log?: (line: string) => void }

/** Creates the database afresh (only one of ours or an empty one), migrates it, loads the demo and grows it. */
export async function generateBenchData(o: GenerateOptions): Promise<BenchMarker> {
  const log = o.log ?? ((line: string) => process.stdout.write(`${line}\n`))
  const started = performance.now()
  const step = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now()
    const out = await work()
    log(`  ${what.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s`)
    return out
  }
  log(`Bench data, scale ${o.scale}, seed ${o.seed}, as of ${o.now.toISOString()}`)
  await step('database created and migrated', async () => {
    await recreateDatabase(o.url)
    const database = await openDatabase({ databaseUrl: o.url, dataDir: '' })
    try {
      await database.migrate()
      await loadDemoData(database.db, { clock: fixedClock(o.now), password: DEMO_PASSWORD })
    } finally {
      await database.close()
    }
  })

  const sql = postgres(o.url, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`set synchronous_commit = off; set maintenance_work_mem = '512MB'`)
    const random = seededRandom(o.seed)
    const products = await benchCatalog(sql, o.now)
    const [lea] = await sql<(ExistingUser & { hash: string; orgId: string })[]>`
      select id, email, display_name as "displayName", kind, status, password_hash as hash, org_id as "orgId"
      from users where lower(email) = ${LEA}`
    if (!lea) throw new Error('the demo data has no Léa')
    const ctx = { sql, random, now: o.now, passwordHash: lea.hash, products }
    await facts.createStaging(sql)
    await step(`${DEMO_ORG_DOMAIN}: people, billing, subscriptions`, async () => {
      const existing = await existingUsers(sql, lea.orgId)
      const plan = { orgId: lea.orgId, domain: DEMO_ORG_DOMAIN, country: 'FR' as const, existing }
      await writeOrganization(ctx, { ...plan, size: sizeOf(o.scale), lead: { user: lea, bigAssigned: 5000 } })
    })
    for (const other of OTHER_ORGS) {
      await step(`${other.domain}: people, billing, subscriptions`, async () => {
        const orgId = await newOrganization(sql, other, o.now, lea.hash)
        const plan = { orgId, domain: other.domain, country: other.country, existing: await existingUsers(sql, orgId) }
        await writeOrganization(ctx, { ...plan, size: sizeOf(o.scale, 0.1) })
      })
    }
    const restoreIndexes = await facts.withoutIndexes(sql)
    await step('licence assignments', () => sql.unsafe(facts.ASSIGNMENTS))
    await step('invoices (staged)', () => sql.unsafe(facts.STAGED_INVOICES))
    await step('invoices', () => sql.unsafe(facts.INVOICES))
    await step('invoice lines', () => sql.unsafe(facts.INVOICE_LINES))
    await step('payments', () => sql.unsafe(facts.PAYMENTS))
    await step('audit events', () => sql.unsafe(facts.AUDIT_EVENTS))
    await step('indexes re-created', restoreIndexes)
    await facts.dropStaging(sql)
    await step('vacuum analyze', () => sql.unsafe('vacuum analyze'))
    await printCounts(sql, log)
    const seconds = Math.round((performance.now() - started) / 1000)
    const marker = {
      scale: o.scale,
      seed: o.seed,
      now: o.now.toISOString(),
      generatedAt: new Date().toISOString(),
      seconds,
    }
    await writeMarker(sql, o.url, marker)
    log(`Done in ${seconds} s. Sign in as ${LEA} (or any user) with the password "${DEMO_PASSWORD}".`)
    return marker
  } finally {
    await sql.end()
  }
}

async function existingUsers(sql: Sql, orgId: string): Promise<ExistingUser[]> {
  return sql<ExistingUser[]>`
    select id, email, display_name as "displayName", kind, status
    from users where org_id = ${orgId} order by created_at`
}

async function newOrganization(
  sql: Sql,
  org: (typeof OTHER_ORGS)[number],
  now: Date,
  passwordHash: string,
): Promise<string> {
  const createdAt = new Date(now.getTime() - 800 * 86_400_000)
  const [row] = await sql<{ id: string }[]>`
    insert into organizations (name, domain, created_at) values (${org.name}, ${org.domain}, ${createdAt}) returning id`
  await sql`
    insert into users (org_id, display_name, email, role, language, password_hash, created_at)
    values (${row!.id}, ${`${org.name} Admin`}, ${`admin@${org.domain}`}, 'admin', 'en', ${passwordHash}, ${createdAt})`
  return row!.id
}

async function printCounts(sql: Sql, log: (line: string) => void): Promise<void> {
  const tables = ['organizations', 'users', 'subscriptions', 'license_assignments', ...facts.BIG_TABLES.slice(1)]
  const parts: string[] = []
  for (const t of tables) {
    const [row] = await sql.unsafe<{ n: string }[]>(`select count(*) as n from ${t}`)
    parts.push(`${t} ${Number(row!.n).toLocaleString('en')}`)
  }
  log(`  rows: ${parts.join(', ')}`)
}
