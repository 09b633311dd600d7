import type { InvoiceRange } from '../src/services/invoices/invoice-range'
import type { ProductsFilter } from '../src/services/subscriptions/list-your-products'
import type { SelfServiceFilter } from '../src/services/admin/list-self-service'
import type { AuditFilter } from '../src/services/admin/audit-log'

// Every path a page links to or a route redirects to, spelled once (DESIGN §10). The route
// definitions in src/app.ts and src/routes/ are the only other place these paths appear.

const BILLING = '/billing'
const enc = encodeURIComponent

/** A path with its query, leaving out empty values. */
function withQuery(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v)
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

// Your products (routes/products.ts and its sub-resources).
/** The list, with only the filters that differ from the defaults, at a page (the first when left out). */
export function productsUrl(f?: ProductsFilter, page = 1): string {
  return withQuery(`${BILLING}/products`, {
    tab: f && f.tab !== 'products' ? f.tab : undefined,
    scope: f && f.scope !== 'self_service' ? f.scope : undefined,
    status: f && f.status !== 'any' ? f.status : undefined,
    page: page > 1 ? String(page) : undefined,
  })
}
/** A subscription's details; `done` names what just happened, for the live region. */
export const subscriptionUrl = (id: string, done?: string) => withQuery(`${BILLING}/products/${enc(id)}`, { done })
export const changeLicensesUrl = (id: string, total?: string) => withQuery(`${subscriptionUrl(id)}/licenses`, { total })
/** The event htmx fires after a change made in a pane, so a list elsewhere on the page refreshes. */
export const SUBSCRIPTION_CHANGED = 'subscription-changed'
export const cancelUrl = (id: string) => `${subscriptionUrl(id)}/cancel`
export const convertUrl = (id: string) => `${subscriptionUrl(id)}/convert`
export const autoRenewUrl = (id: string) => `${subscriptionUrl(id)}/auto-renew`
export const reactivateUrl = (id: string) => `${subscriptionUrl(id)}/reactivate`

// Licences (routes/licenses.ts).
/** The list of licences, or one product's licences (its assigned users, a search, a page). */
export function licensesUrl(
  id?: string,
  query: { q?: string; page?: number; after?: string | null; before?: string | null } = {},
): string {
  if (id === undefined) return `${BILLING}/licenses`
  const page = query.page && query.page > 1 ? String(query.page) : undefined
  // after/before: the keyset cursor the page starts from (a later page of thousands of holders).
  const cursor = page ? { after: query.after ?? undefined, before: query.before ?? undefined } : {}
  return withQuery(`${BILLING}/licenses/${enc(id)}`, { q: query.q, page, ...cursor })
}
export function assignUrl(id: string, search?: { q: string; userIds: string[] }): string {
  const path = `${licensesUrl(id)}/assign`
  if (!search) return path
  const query = new URLSearchParams(search.q ? { q: search.q } : {})
  for (const userId of search.userIds) query.append('userIds', userId)
  return query.size ? `${path}?${query}` : path
}
export const assignResultsUrl = (id: string) => `${assignUrl(id)}/results`
export const unassignUrl = (id: string) => `${licensesUrl(id)}/unassign`

// Purchase (routes/catalog.ts, checkout.ts, trial.ts).
export const purchaseUrl = () => `${BILLING}/purchase`
/** An order in a checkout URL: "Update total" and the new-total check are GET pages (Back never resends a
 *  form). The card goes in only as a saved card's id or a held card's token, never as typed. */
export type OrderQuery = {
  quantity?: string
  frequency?: string
  profile?: string
  payment?: string
  cardToken?: string
  /** The new card typed was not kept: the page asks for it again. */
  reenter?: string
  /** The form key of the order being confirmed: buying it twice is one purchase. */
  key?: string
}
export const checkoutUrl = (code: string, order: OrderQuery = {}) => withQuery(`${purchaseUrl()}/${enc(code)}`, order)
/** The new total to confirm, when an order's price changed since it was shown. */
export const confirmTotalUrl = (code: string, order: OrderQuery) => withQuery(`${checkoutUrl(code)}/confirm`, order)
export const trialUrl = (code: string) => `${checkoutUrl(code)}/trial`
/** The address form that comes before checkout (or a trial) when the organisation has no billing profile. */
export const billingSetupUrl = (code: string, next?: 'trial') =>
  withQuery(`${checkoutUrl(code)}/billing-setup`, { next })

// Bills & payments → Invoices (routes/invoices.ts).
/** The list for a range (Past 3 months, the default, leaves the query empty), from a page's cursor. */
export function invoicesUrl(range?: InvoiceRange, page: { older?: string; newer?: string } = {}): string {
  return withQuery(`${BILLING}/invoices`, { ...rangeQuery(range), ...page })
}
function rangeQuery(range?: InvoiceRange): Record<string, string | undefined> {
  if (!range || range.kind === 'past3') return {}
  return range.kind === 'custom' ? { range: 'custom', from: range.from, to: range.to } : { range: range.kind }
}
/** Export CSV of the same range: every invoice in it, not only the page shown. */
export const invoicesCsvUrl = (range?: InvoiceRange) => withQuery(`${BILLING}/invoices/export.csv`, rangeQuery(range))
export const invoiceUrl = (id: string) => `${BILLING}/invoices/${enc(id)}`
export const invoicePdfUrl = (id: string) => `${invoiceUrl(id)}/pdf`

// Billing accounts and profiles (routes/billing-accounts.ts, billing-profiles.ts).
export const accountsUrl = () => `${BILLING}/accounts`
/** An account's page: the Overview tab, or its Billing profiles tab. */
export const accountUrl = (id: string, tab?: 'profiles') => withQuery(`${accountsUrl()}/${enc(id)}`, { tab })
export const editAccountUrl = (id: string) => `${accountsUrl()}/${enc(id)}/edit`
export const addProfileUrl = (accountId: string) => `${accountsUrl()}/${enc(accountId)}/profiles/new`
/** Where profiles live (no page of its own: the accounts list them). */
export const profilesUrl = () => `${BILLING}/profiles`
export const profileUrl = (id: string) => `${profilesUrl()}/${enc(id)}`
/** One part of a profile edited in a pane: name, address, po (PO number) or email (invoices in email). */
export const editProfileUrl = (id: string, section: 'name' | 'address' | 'po' | 'email') =>
  `${profileUrl(id)}/edit/${section}`
/** Replace the profile's card (another saved card or a new one). */
export const replaceCardUrl = (profileId: string) => `${profileUrl(profileId)}/payment-method`
/** Edit the card the profile pays with, from the profile's page. */
export const editProfileCardUrl = (profileId: string) => `${replaceCardUrl(profileId)}/edit`

// Bills & payments → Payment methods (routes/payment-methods.ts).
export const paymentMethodsUrl = () => `${BILLING}/payment-methods`
export const addPaymentMethodUrl = () => `${paymentMethodsUrl()}/new`
export const paymentMethodUrl = (id: string) => `${paymentMethodsUrl()}/${enc(id)}`
export const editPaymentMethodUrl = (id: string) => `${paymentMethodUrl(id)}/edit`
export const deletePaymentMethodUrl = (id: string) => `${paymentMethodUrl(id)}/delete`

// Help and support requests (routes/help.ts, routes/support-requests.ts), DESIGN §9.
const HELP = '/help'
/** The FAQ; `section` is one of its headings' ids. */
export const helpUrl = (section?: string) => (section ? `${HELP}#${section}` : HELP)
/** Contact support: the form (a pane with htmx, a page without). */
export const contactSupportUrl = () => `${HELP}/contact`
/** The user's requests, or (`all`, admins) the organization's, with only the filters that differ from the defaults. */
export function supportRequestsUrl(f: { all?: boolean; status?: string; page?: number } = {}): string {
  return withQuery(`${HELP}/requests`, {
    all: f.all ? '1' : undefined,
    status: f.status && f.status !== 'any' ? f.status : undefined,
    page: f.page && f.page > 1 ? String(f.page) : undefined,
  })
}
export const supportRequestUrl = (id: string) => `${HELP}/requests/${enc(id)}`
export const resolveSupportRequestUrl = (id: string) => `${supportRequestUrl(id)}/resolve`
export const reopenSupportRequestUrl = (id: string) => `${supportRequestUrl(id)}/reopen`

// Admin → Self-service purchases (routes/admin-self-service.ts): the URL is the bookmark (DESIGN §8).
const ADMIN = '/admin/self-service'
/** The list, with only the filters that differ from the defaults. */
export function adminSelfServiceUrl(f?: Partial<SelfServiceFilter>): string {
  return withQuery(ADMIN, selfServiceQuery(f))
}
function selfServiceQuery(f: Partial<SelfServiceFilter> = {}): Record<string, string | undefined> {
  return {
    tab: f.tab === 'trials' ? 'trials' : undefined,
    product: f.product ?? undefined,
    q: f.q || undefined,
    status: f.status && f.status !== 'any' ? f.status : undefined,
    sort: f.sort && f.sort !== 'expires_asc' ? f.sort : undefined,
    page: f.page && f.page > 1 ? String(f.page) : undefined,
  }
}
export const adminPurchaseUrl = (id: string) => `${ADMIN}/${enc(id)}`
/** Take over (routes/take-over.ts): a pane with htmx, a page without. */
export const adminTakeOverUrl = (id: string) => `${adminPurchaseUrl(id)}/take-over`
export const adminPolicyUrl = () => `${ADMIN}/policy`
/** The exports of the list's filter: every page, so the page number is left out. */
export const adminSelfServiceCsvUrl = (f: SelfServiceFilter) =>
  withQuery(`${ADMIN}/export.csv`, selfServiceQuery({ ...f, page: 1 }))
export const adminSelfServiceUsersCsvUrl = (f: SelfServiceFilter) =>
  withQuery(`${ADMIN}/users.csv`, selfServiceQuery({ ...f, page: 1 }))

// Admin → Audit log (routes/admin-audit.ts): the filter and the page's cursor are the bookmark (DESIGN §8).
const AUDIT = '/admin/audit'
export type AuditPageCursor = { older?: string; newer?: string }
/** The log, with only the filters that are set, from a page's cursor. */
export function adminAuditUrl(f: Partial<AuditFilter> = {}, page: AuditPageCursor = {}): string {
  return withQuery(AUDIT, { ...auditQuery(f), ...page })
}
function auditQuery(f: Partial<AuditFilter>): Record<string, string | undefined> {
  return { actor: f.actor ?? undefined, action: f.action ?? undefined, from: f.from, to: f.to }
}
/** Export CSV of the same filter: every event, not only the page shown. */
export const adminAuditCsvUrl = (f: AuditFilter) => withQuery(`${AUDIT}.csv`, auditQuery(f))
