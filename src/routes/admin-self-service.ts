import { z } from 'zod'
import { SelfServicePage, SelfServiceResults, selfServiceCountText } from '../../views/pages/admin/self-service'
import { SelfServicePurchasePage } from '../../views/pages/admin/self-service-purchase'
import { notFound } from '../http/errors'
import { PageNumber } from '../http/page-number'
import { pageOrPart } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import {
  ADMIN_STATUSES,
  getSelfServicePurchase,
  listSelfService,
  SELF_SERVICE_SORTS,
  type SelfServiceFilter,
} from '../services/admin/list-self-service'

/** Admin → Self-service purchases (DESIGN §8): the list, its exports and one purchase. Read-only:
 *  no POST lives here. Anyone but an admin gets 404 from the services. */
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

const Id = z.uuid()

adminSelfService.get('/:id', async (c) => {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getSelfServicePurchase(c.var.deps, c.var.actor, id.data)
  if (!out.ok) return notFound(c)
  return c.html(SelfServicePurchasePage({ ctx: viewContext(c), purchase: out.value }))
})
