import type { Request } from './load'

/** Runs one SQL statement against the bench database, whichever driver opened it. */
export type Query = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>

export const LEA = 'lea.martin@fabrikam.example'
export const ADMIN = 'admin@fabrikam.example'
export const PASSWORD = 'selfserve-demo'

export type Found = { big: string; bigAssigned: number; invoice: string; product: string }

/** The ids the pages need, read from the database before the app starts: Léa's subscription with the
 *  most licence holders (5,000 in the generated data, 40 in the demo), her latest invoice, PROJ-P3. */
export async function findTargets(query: Query): Promise<Found> {
  const [big] = await query(
    `select s.id, count(a.id)::int as n from subscriptions s join users u on u.id = s.purchaser_id
     left join license_assignments a on a.subscription_id = s.id
     where lower(u.email) = $1 and s.status <> 'deleted' group by s.id order by n desc limit 1`,
    [LEA],
  )
  const [invoice] = await query(
    `select i.id from invoices i join billing_profiles p on p.id = i.billing_profile_id
     join billing_accounts a on a.id = p.billing_account_id join users u on u.id = a.owner_id
     where lower(u.email) = $1 order by i.issued_at desc limit 1`,
    [LEA],
  )
  const [product] = await query(`select id from products where code = 'PROJ-P3'`, [])
  if (!big || !invoice || !product) throw new Error('the database has no Léa, no invoice of hers or no PROJ-P3')
  return { big: String(big.id), bigAssigned: Number(big.n), invoice: String(invoice.id), product: String(product.id) }
}

export type Page = { name: string; as: 'nobody' | 'lea' | 'admin'; path: string; headers?: Record<string, string> }

export const BARE = 'bare select 1 (GET /bench/select-1)'

/** Issue 15's pages, in the order the report lists them. */
export function pagesOf(f: Found): Page[] {
  const lastPage = Math.max(1, Math.ceil(f.bigAssigned / 25))
  const later = Math.max(1, Math.ceil(lastPage * 0.75))
  const htmx = { 'hx-request': 'true', 'hx-request-type': 'partial' }
  return [
    { name: BARE, as: 'nobody', path: '/bench/select-1' },
    { name: 'Your products', as: 'lea', path: '/billing/products' },
    { name: 'Subscription details', as: 'lea', path: `/billing/products/${f.big}` },
    {
      name: `Licences (${f.bigAssigned.toLocaleString('en')} users), page 1`,
      as: 'lea',
      path: `/billing/licenses/${f.big}`,
    },
    { name: `Licences, page ${later} of ${lastPage}`, as: 'lea', path: `/billing/licenses/${f.big}?page=${later}` },
    {
      name: 'Assign search "mar" (pane, htmx)',
      as: 'lea',
      path: `/billing/licenses/${f.big}/assign/results?q=mar`,
      headers: htmx,
    },
    { name: 'Invoices, past 6 months', as: 'lea', path: '/billing/invoices?range=past6' },
    { name: 'Invoice PDF', as: 'lea', path: `/billing/invoices/${f.invoice}/pdf` },
    { name: 'Payment methods', as: 'lea', path: '/billing/payment-methods' },
    { name: 'Admin self-service', as: 'admin', path: '/admin/self-service' },
    {
      name: 'Admin self-service, filtered',
      as: 'admin',
      path: `/admin/self-service?product=${f.product}&q=mar&status=active&sort=price_desc`,
    },
    { name: 'Admin self-service, export CSV', as: 'admin', path: '/admin/self-service/export.csv' },
  ]
}

export function requestOf(page: Page, cookies: { lea: string; admin: string }): Request {
  const cookie: Record<string, string> = page.as === 'nobody' ? {} : { cookie: cookies[page.as] }
  return { path: page.path, headers: { ...cookie, ...page.headers } }
}
