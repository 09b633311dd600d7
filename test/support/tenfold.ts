import { sql } from 'drizzle-orm'
import type { Db, Tx } from '../../src/db/client'

/**
 * Grows one organization's data tenfold in place, for the query-budget test (issue 15): nine copies
 * of its members, billing accounts, profiles and cards, subscriptions with their licence assignments,
 * invoices with their lines, notifications and audit events. A copy keeps its owner (Léa gets ten
 * times her subscriptions, invoices and cards) and points at the copies of what it references (a
 * copied invoice at a copied profile and subscription). One subscription also gets nine times its
 * holders, from the copied members, so its licences list has ten times the pages. Plain SQL over
 * `insert … select`: a second or two on PGlite.
 */
export async function growTenfold(db: Db, o: { orgId: string; manyHolders: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const org = `org_id = '${uuid(o.orgId)}'`
    await copy(tx, 'users', org, { email: `'copy' || m.g || '.' || t.email`, display_name: `t.display_name || m.g` })
    await copy(tx, 'payment_methods', org, { gateway_token: `t.gateway_token || '-' || m.g` })
    await copy(tx, 'billing_accounts', org, {})
    await copy(tx, 'billing_profiles', org, {
      billing_account_id: ref('billing_accounts', 'billing_account_id'),
      payment_method_id: ref('payment_methods', 'payment_method_id'),
    })
    await copy(tx, 'subscriptions', org, {
      billing_profile_id: ref('billing_profiles', 'billing_profile_id'),
      payment_method_id: ref('payment_methods', 'payment_method_id'),
      idempotency_key: 'null',
      // One trial per (purchaser, product) is a unique index; a copy counts as bought.
      started_as_trial: 'false',
    })
    await copy(tx, 'license_assignments', org, { subscription_id: ref('subscriptions', 'subscription_id') })
    await copy(tx, 'invoices', org, {
      billing_profile_id: ref('billing_profiles', 'billing_profile_id'),
      subscription_id: ref('subscriptions', 'subscription_id'),
    })
    await copy(tx, 'invoice_lines', `invoice_id in (select old from copied_invoices)`, {
      invoice_id: ref('invoices', 'invoice_id'),
    })
    await copy(tx, 'notifications', org, { subscription_id: ref('subscriptions', 'subscription_id') })
    await copy(tx, 'audit_events', org, {})
    // Nine more holders for each of this subscription's, from the copies of its holders.
    const many = `'${uuid(o.manyHolders)}'`
    await tx.execute(
      sql.raw(`insert into license_assignments (org_id, subscription_id, user_id, assigned_at)
        select t.org_id, t.subscription_id, m.new, t.assigned_at from license_assignments t
        join copied_users m on m.old = t.user_id where t.subscription_id = ${many}`),
    )
    await tx.execute(
      sql.raw(`update subscriptions set quantity = greatest(quantity,
        (select count(*) from license_assignments where subscription_id = ${many})) where id = ${many}`),
    )
    await tx.execute(sql.raw('analyze'))
  })
}

/** Nine copies of the rows of `table` matching `where`, with `set` overriding columns (SQL over `t`, the
 *  row copied, and `m.g`, the copy's number); `copied_<table>` maps each old id to its copies' ids. */
async function copy(tx: Tx, table: string, where: string, set: Record<string, string>): Promise<void> {
  const result: unknown = await tx.execute(
    sql`select column_name as name, data_type as type from information_schema.columns
      where table_name = ${table} and table_schema = current_schema() order by ordinal_position`,
  )
  // postgres.js answers an array of rows, PGlite an object holding them.
  const columns = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Column[]
  const uuidKey = columns.some((c) => c.name === 'id' && c.type === 'uuid')
  await tx.execute(
    sql.raw(`create temp table copied_${table} on commit drop as
      select id as old, gen_random_uuid() as new, g from ${table}, generate_series(1, 9) as g where ${where}`),
  )
  const names = columns.filter((c) => c.name !== 'id' || uuidKey).map((c) => c.name)
  const values = names.map((n) => (n === 'id' ? 'm.new' : (set[n] ?? `t.${n}`)))
  await tx.execute(
    sql.raw(`insert into ${table} (${names.join(', ')}) select ${values.join(', ')}
      from ${table} t join copied_${table} m on m.old = t.id`),
  )
}

type Column = { name: string; type: string }

/** The copy of the row `column` references, made in the same round; the original when it was not copied. */
const ref = (table: string, column: string) =>
  `coalesce((select x.new from copied_${table} x where x.old = t.${column} and x.g = m.g), t.${column})`

const uuid = (id: string) => {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new Error(`not a uuid: ${id}`)
  return id
}
