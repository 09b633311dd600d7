import { fixedClock } from '../../src/clock'
import { openDatabase } from '../../src/db/client'
import { silentLogger } from '../../src/log'
import { SandboxGateway, sandboxTokenFor } from '../../src/payments/sandbox-gateway'
import { runLifecycle } from '../../src/services/lifecycle/run-lifecycle'
import postgres from 'postgres'
import { databaseName, recreateDatabase, writeMarker } from '../dataset/database'

export type RenewalResult = { due: number; renewed: number; seconds: number; perSecond: number }

/**
 * The lifecycle job over `due` monthly subscriptions whose term ended an hour ago (10 per purchaser,
 * each purchaser with a profile and a sandbox card, no invoice e-mails), in a scratch database next to
 * the bench data, dropped afterwards. One run of runLifecycle, as the job's timer or CLI calls it.
 */
export async function measureRenewals(benchUrl: string, due: number): Promise<RenewalResult> {
  const url = new URL(benchUrl)
  url.pathname = `/${databaseName(benchUrl)}_renewals`
  const target = url.toString()
  await recreateDatabase(target)
  const now = new Date()
  const database = await openDatabase({ databaseUrl: target, dataDir: '' })
  const sql = postgres(target, { max: 1, onnotice: () => {} })
  try {
    await writeMarker(sql, target, {
      scale: 0,
      seed: 0,
      now: now.toISOString(),
      generatedAt: now.toISOString(),
      seconds: 0,
    })
    await database.migrate()
    const buyers = Math.ceil(due / 10)
    const tokens = Array.from({ length: buyers }, (_, i) => sandboxTokenFor(`bench-renewal-${i + 1}`))
    const org = 'renewals'
    await sql`insert into organizations (id, name, domain, created_at)
      values (md5(${org})::uuid, 'Renewals', 'renewals.example', ${now})`
    await sql`insert into products (id, code, name_en, name_fr, description_en, description_fr, currency,
        monthly_price, annual_price, created_at)
      values (md5('product')::uuid, 'RENEW-ME', 'Renewals', 'Renouvellements', '-', '-', 'EUR', 1000, 10000, ${now})`
    await sql`insert into users (id, org_id, display_name, email, password_hash, created_at)
      select md5('u' || i)::uuid, md5(${org})::uuid, 'Buyer ' || i, 'buyer' || i || '@renewals.example', '-', ${now}
      from generate_series(1, ${buyers}::int) i`
    await sql`insert into billing_accounts (id, org_id, owner_id, name, sold_to_line1, sold_to_city,
        sold_to_postal_code, sold_to_country, created_at)
      select md5('a' || i)::uuid, md5(${org})::uuid, md5('u' || i)::uuid, 'Buyer ' || i, '1 rue de la Paix', 'Paris',
        '75002', 'FR', ${now}
      from generate_series(1, ${buyers}::int) i`
    await sql`insert into payment_methods (id, org_id, owner_id, brand, last4, exp_month, exp_year, name_on_card,
        billing_line1, billing_city, billing_postal_code, billing_country, gateway_token, created_at)
      select md5('c' || i)::uuid, md5(${org})::uuid, md5('u' || i)::uuid, 'visa', '4242', 12, 2099, 'Buyer ' || i,
        '1 rue de la Paix', 'Paris', '75002', 'FR', (${tokens}::text[])[i], ${now}
      from generate_series(1, ${buyers}::int) i`
    // No invoice e-mails: the job would render a PDF for each, which is not what this measures.
    await sql`insert into billing_profiles (id, org_id, billing_account_id, name, currency, bill_to_line1,
        bill_to_city, bill_to_postal_code, bill_to_country, email_invoices, payment_method_id, created_at)
      select md5('p' || i)::uuid, md5(${org})::uuid, md5('a' || i)::uuid, 'Buyer ' || i, 'EUR', '1 rue de la Paix',
        'Paris', '75002', 'FR', false, md5('c' || i)::uuid, ${now}
      from generate_series(1, ${buyers}::int) i`
    const ended = new Date(now.getTime() - 3_600_000)
    const began = new Date(ended)
    began.setUTCMonth(began.getUTCMonth() - 1)
    await sql`insert into subscriptions (org_id, product_id, purchaser_id, billing_profile_id, payment_method_id,
        status, quantity, billing_frequency, unit_price, currency, term_start, term_end, status_changed_at,
        created_at, updated_at)
      select md5(${org})::uuid, md5('product')::uuid, md5('u' || b)::uuid, md5('p' || b)::uuid, md5('c' || b)::uuid,
        'active', 1 + k % 20, 'monthly', 1000, 'EUR', ${began}, ${ended}, ${began}, ${began}, ${began}
      from generate_series(0, ${due}::int - 1) k, lateral (select 1 + k % ${buyers}::int as b) x`
    const started = performance.now()
    const report = await runLifecycle({
      db: database.db,
      clock: fixedClock(now),
      gateway: new SandboxGateway(database.db),
      log: silentLogger,
    })
    const seconds = (performance.now() - started) / 1000
    return { due, renewed: report.renewed, seconds, perSecond: report.renewed / seconds }
  } finally {
    await sql.end()
    await database.close()
    const server = new URL(benchUrl)
    server.pathname = '/postgres'
    const admin = postgres(server.toString(), { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists "${databaseName(target)}" with (force)`)
    await admin.end()
  }
}
