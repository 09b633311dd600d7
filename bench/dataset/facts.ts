import type { Sql } from './database'

// The large tables are made inside PostgreSQL from the small ones the generator wrote with COPY
// (bench_tmp.*): generate_series instead of millions of rows over the socket, ids from md5() of the
// row's place, so the same seed gives the same rows. Every CHECK and foreign key stays on.

/** An RFC 4122 version-4 UUID from the md5 of `key`: the routes' zod z.uuid() accepts only well-formed ones. */
const uuidOf = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`

export const BIG_TABLES = ['license_assignments', 'invoices', 'invoice_lines', 'payments', 'audit_events']

export async function createStaging(sql: Sql): Promise<void> {
  await sql.unsafe(`
    drop schema if exists bench_tmp cascade;
    create schema bench_tmp;
    create unlogged table bench_tmp.orgs (org_id uuid primary key, subscriptions int, audit_events int,
      now timestamptz);
    create unlogged table bench_tmp.colleagues (org_id uuid, n int, id uuid, primary key (org_id, n));
    create unlogged table bench_tmp.subs (org_id uuid, id uuid, n int, purchaser_id uuid, purchaser_n int,
      bill_k int, assigned int, colleague_offset int, colleague_count int, created_at timestamptz, unit_price int,
      quantity int, frequency text, product_name text, primary key (org_id, n));
    create index on bench_tmp.subs (org_id, purchaser_n, bill_k);
    create unlogged table bench_tmp.purchasers (org_id uuid, n int, profile_id uuid, billed int, invoices int,
      tax_bp int, snapshot jsonb, brand text, last4 text, primary key (org_id, n));`)
}

export async function dropStaging(sql: Sql): Promise<void> {
  await sql.unsafe('drop schema bench_tmp cascade')
}

/** Drops the big tables' plain and unique indexes (not the primary keys); the answer re-creates them,
 *  which checks every unique index again over all the rows. */
export async function withoutIndexes(sql: Sql): Promise<() => Promise<void>> {
  const indexes = await sql<{ name: string; def: string }[]>`
    select indexname as name, indexdef as def from pg_indexes i
    where schemaname = 'public' and tablename = any(${BIG_TABLES})
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`
  for (const i of indexes) await sql.unsafe(`drop index "${i.name}"`)
  return async () => {
    for (const i of indexes) await sql.unsafe(i.def)
  }
}

/** The purchaser holds the first licence; colleagues (active members) the next day (DESIGN §4). */
export const ASSIGNMENTS = `
  insert into license_assignments (id, org_id, subscription_id, user_id, assigned_by, assigned_at)
  select ${uuidOf("'la:' || s.id || ':' || k")}, s.org_id, s.id, coalesce(c.id, s.purchaser_id), s.purchaser_id,
    s.created_at + case when k = 0 then interval '0 days' else interval '1 day' end
  from bench_tmp.subs s
  cross join lateral generate_series(0, s.assigned - 1) k
  left join bench_tmp.colleagues c
    on k > 0 and c.org_id = s.org_id and c.n = (s.colleague_offset + k - 1) % s.colleague_count`

/**
 * Each purchaser's invoices, numbered 1…N in date order over the last two years (DESIGN §6), round
 * the subscriptions their profile bills: every 29th a credit note, every 11th an addition, one in
 * four renewals with a second line. Tax per line, half up, as src/money/tax.ts does.
 */
export const STAGED_INVOICES = `
  create unlogged table bench_tmp.inv as
  with base as (
    select p.org_id, p.profile_id, p.tax_bp, p.snapshot, p.brand, p.last4, s.id as subscription_id, i as number,
      s.unit_price, s.quantity, s.frequency, s.product_name,
      ${uuidOf("'inv:' || p.profile_id || ':' || i")} as id,
      o.now - interval '730 days' + (i - 0.5) * interval '730 days' / p.invoices as issued_at,
      case when i % 29 = 0 then 'remove_quantity' when i % 11 = 0 then 'add_quantity'
        when i <= p.billed then 'purchase' else 'renew' end as type
    from bench_tmp.purchasers p
    join bench_tmp.orgs o on o.org_id = p.org_id
    cross join lateral generate_series(1, p.invoices) i
    join bench_tmp.subs s on s.org_id = p.org_id and s.purchaser_n = p.n and s.bill_k = i % p.billed
  ), lines as (
    select *, case type when 'remove_quantity' then 1 + number % 3 when 'add_quantity' then 1 + number % 5
        else quantity end as q1,
      case when type = 'renew' and number % 4 = 1 then 1 + number % 3 end as q2,
      issued_at + case frequency when 'annual' then interval '1 year' else interval '1 month' end as period_end
    from base
  ), amounts as (
    select *, unit_price::bigint * q1 as a1, unit_price::bigint * q2 as a2 from lines
  )
  select *, (a1 * tax_bp * 2 + 10000) / 20000 as t1, (a2 * tax_bp * 2 + 10000) / 20000 as t2,
    case type when 'remove_quantity' then 'credit_note' else 'invoice' end as kind
  from amounts`

export const INVOICES = `
  insert into invoices (id, org_id, billing_profile_id, subscription_id, number, kind, type, issued_at, period_start,
    period_end, sold_to, bill_to, subtotal, tax, total, currency, status, card_brand, card_last4)
  select id, org_id, profile_id, subscription_id, number, kind::invoice_kind, type::invoice_type, issued_at, issued_at,
    period_end, snapshot, snapshot, a1 + coalesce(a2, 0), t1 + coalesce(t2, 0),
    a1 + coalesce(a2, 0) + t1 + coalesce(t2, 0), 'EUR',
    (case kind when 'credit_note' then 'credited' else 'paid' end)::invoice_status, brand, last4
  from bench_tmp.inv`

const period = `' (' || to_char(issued_at, 'YYYY-MM-DD') || ' – ' || to_char(period_end, 'YYYY-MM-DD') || ')'`
export const INVOICE_LINES = `
  insert into invoice_lines (id, org_id, invoice_id, position, description, period_start, period_end, unit_price,
    quantity, amount, tax_rate_bp, tax)
  select ${uuidOf("'il1:' || id")}, org_id, id, 1,
    product_name || case type when 'add_quantity' then ', additional licenses'
      when 'remove_quantity' then ', licenses removed' else '' end || ${period},
    issued_at, period_end, unit_price, q1, a1, tax_bp, t1
  from bench_tmp.inv
  union all
  select ${uuidOf("'il2:' || id")}, org_id, id, 2, product_name || ', additional licenses' || ${period},
    issued_at, period_end, unit_price, q2, a2, tax_bp, t2
  from bench_tmp.inv where q2 is not null`

/** The card payment of each invoice, or the refund of each credit note, as the demo records them. */
export const PAYMENTS = `
  insert into payments (id, org_id, subscription_id, invoice_id, kind, status, amount, currency, idempotency_key,
    gateway_reference, created_at, settled_at)
  select ${uuidOf("'pay:' || id")}, org_id, subscription_id, id,
    (case kind when 'credit_note' then 'refund' else 'charge' end)::payment_kind, 'succeeded',
    a1 + coalesce(a2, 0) + t1 + coalesce(t2, 0), 'EUR', 'bench:' || id,
    (case kind when 'credit_note' then 're_bench_' else 'ch_bench_' end) || left(md5('ref:' || id), 16),
    issued_at, issued_at
  from bench_tmp.inv`

/** Audit events over two years, each about one of the organization's subscriptions; one in ten by the job. */
export const AUDIT_EVENTS = `
  insert into audit_events (org_id, actor_id, action, entity_type, entity_id, before, after, at)
  select o.org_id, case when i % 10 = 0 then null else s.purchaser_id end,
    (array['subscription.purchased', 'licenses.assigned', 'licenses.unassigned', 'subscription.licenses_added',
      'subscription.cancelled', 'subscription.reactivated'])[1 + i % 6],
    'subscription', s.id::text, jsonb_build_object('quantity', s.quantity - 1 - i % 3),
    jsonb_build_object('quantity', s.quantity),
    o.now - make_interval(secs => (i::bigint * 2654435761 % 63072000)::double precision)
  from bench_tmp.orgs o
  cross join lateral generate_series(1, o.audit_events) i
  join bench_tmp.subs s on s.org_id = o.org_id and s.n = (i::bigint * 7919 % o.subscriptions)::int`
