import { csvResponse } from '../http/csv-response'
import type { Context } from 'hono'
import { z } from 'zod'
import { selfServiceCsv, selfServiceUsersCsv } from '../../views/pages/admin/self-service-csv'
import { SelfServicePage, SelfServiceResults, selfServiceCountText } from '../../views/pages/admin/self-service'
import { NEW_PRODUCTS_FIELD, policyField, SelfServicePolicyPage } from '../../views/pages/admin/self-service-policy'
import { SelfServicePurchasePage } from '../../views/pages/admin/self-service-purchase'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { takeFlash } from '../http/flash'
import { PageNumber } from '../http/page-number'
import { done, pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import {
  ADMIN_STATUSES,
  exportSelfService,
  exportSelfServiceUsers,
  getSelfServicePurchase,
  listSelfService,
  SELF_SERVICE_SORTS,
  type SelfServiceFilter,
} from '../services/admin/list-self-service'
import { getSelfServicePolicy, POLICY_SETTINGS, setSelfServicePolicy } from '../services/admin/self-service-policy'
import type { PolicySetting } from '../services/purchase/offer'
import { NEW_PRODUCT_POLICIES } from '../services/purchase/product-policy'
import type { FieldError } from '../../views/components/error-summary'
import { h } from '../../views/html'
import { adminPolicyUrl } from '../../views/urls'

/** Admin → Self-service purchases (DESIGN §8): the list, its exports, the policy and one purchase.
 *  Take over (routes/take-over.ts) is the only POST to a purchase. Anyone but an admin gets 404 from the services. */
export const adminSelfService = signedInRoutes()

// Unknown values fall back to the defaults: a hand-edited or old bookmark still shows a page.
const Filter = z.object({
  tab: z.enum(['purchases', 'trials']).catch('purchases'),
  product: z.uuid().nullable().catch(null),
  q: z.string().trim().max(100).catch(''),
  status: z.enum(['any', ...ADMIN_STATUSES]).catch('any'),
  sort: z.enum(SELF_SERVICE_SORTS).catch('expires_asc'),
  page: PageNumber,
})

export function selfServiceFilter(query: Record<string, string>): SelfServiceFilter {
  return Filter.parse(query)
}

adminSelfService.get('/', async (c) => {
  const filter = selfServiceFilter(c.req.query())
  const out = await listSelfService(c.var.deps, c.var.actor, filter)
  if (!out.ok) return notFound(c)
  const ctx = viewContext(c)
  const props = { ctx, filter: { ...filter, page: out.value.page }, list: out.value }
  return pageOrPart(
    c,
    () => SelfServicePage(props),
    () => ({ fragment: SelfServiceResults(props), status: selfServiceCountText(ctx, out.value) }),
  )
})

/** The export's file name: what it holds and the day it was made. */
function csvName(c: Context<SignedInEnv>, name: string): string {
  return `self-service-${name}-${c.var.deps.clock.now().toISOString().slice(0, 10)}.csv`
}

// Policy (DESIGN §8): every product's setting and the default for new products in one form, saved together.
adminSelfService.get('/policy', async (c) => {
  const out = await getSelfServicePolicy(c.var.deps, c.var.actor)
  if (!out.ok) return notFound(c)
  return c.html(SelfServicePolicyPage({ ctx: viewContext(c), policy: out.value, errors: [], status: takeFlash(c) }))
})

const Setting = z.enum(POLICY_SETTINGS)
const NewProducts = z.enum(NEW_PRODUCT_POLICIES)

adminSelfService.post('/policy', async (c) => {
  const shown = await getSelfServicePolicy(c.var.deps, c.var.actor)
  if (!shown.ok) return notFound(c)
  const body = await c.req.parseBody()
  const t = c.var.t
  const settings: Record<string, PolicySetting> = {}
  const errors: FieldError[] = []
  // Every product shown has a field; one missing or holding anything but the three choices is an error.
  for (const product of shown.value.products) {
    const setting = Setting.safeParse(body[policyField(product.productId)])
    if (setting.success) settings[product.productId] = setting.data
    else
      errors.push({
        field: policyField(product.productId),
        message: t('policy.choose', { product: product.name[c.var.locale] }),
      })
  }
  const newProducts = NewProducts.safeParse(body[NEW_PRODUCTS_FIELD])
  if (!newProducts.success) errors.push({ field: NEW_PRODUCTS_FIELD, message: t('policy.newProducts.choose') })
  const ctx = viewContext(c)
  const kept = {
    products: shown.value.products.map((p) => ({ ...p, setting: settings[p.productId] ?? p.setting })),
    newProducts: newProducts.data ?? shown.value.newProducts,
  }
  if (errors.length > 0) return c.html(SelfServicePolicyPage({ ctx, policy: kept, errors }), 422)
  const out = await setSelfServicePolicy(c.var.deps, c.var.actor, settings, newProducts.data)
  if (!out.ok) return notFound(c)
  const message = t('policy.saved')
  return done(c, {
    redirect: adminPolicyUrl(),
    flash: message,
    partial: () => ({ fragment: h('div', null), status: message }),
  })
})

// The exports take the list's filter and sort, and every page of it.
adminSelfService.get('/export.csv', (c) => {
  const filter = selfServiceFilter(c.req.query())
  const out = exportSelfService(c.var.deps, c.var.actor, filter)
  if (!out.ok) return notFound(c)
  return csvResponse(c, selfServiceCsv(viewContext(c), out.value), csvName(c, filter.tab))
})

adminSelfService.get('/users.csv', (c) => {
  const filter = selfServiceFilter(c.req.query())
  const out = exportSelfServiceUsers(c.var.deps, c.var.actor, filter)
  if (!out.ok) return notFound(c)
  return csvResponse(c, selfServiceUsersCsv(viewContext(c), out.value), csvName(c, 'users'))
})

const Id = z.uuid()

adminSelfService.get('/:id', async (c) => {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getSelfServicePurchase(c.var.deps, c.var.actor, id.data)
  if (!out.ok) return notFound(c)
  // After a take-over (POST → 303 → here), the flash says what was done, in the live region.
  return c.html(SelfServicePurchasePage({ ctx: viewContext(c), purchase: out.value, status: takeFlash(c) }))
})
