import { CatalogPage } from '../../views/pages/purchase/catalog'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { listPurchaseCatalog } from '../services/purchase/catalog'

/** Purchase services (DESIGN §10): what this user may buy or try. Checkout, trials and the billing
 *  address have their own files: checkout.ts, trial.ts, billing-setup.ts. */
export const catalog = signedInRoutes()

catalog.get('/', async (c) =>
  c.html(CatalogPage({ ctx: viewContext(c), entries: await listPurchaseCatalog(c.var.deps, c.var.actor) })),
)
