import { Hono } from 'hono'
import { ComingSoonPage } from '../../views/pages/errors/error-page'
import type { MessageKey } from '../i18n/index'
import type { AppEnv } from '../http/env'
import { notFound } from '../http/errors'
import { viewContext } from '../http/view-context'
import { invoicesUrl } from '../../views/urls'
import { InvoicesSoonPage } from '../../views/pages/payment-methods/payment-methods'

// Navigation entries whose pages later issues build; each says so instead of a dead link.
const PAGES: [string, MessageKey, (c: { var: AppEnv['Variables'] }) => boolean][] = [
  ['/help', 'nav.help', () => true],
  ['/admin/self-service', 'nav.admin', (c) => c.var.actor?.role === 'admin'],
]

export const comingSoon = new Hono<AppEnv>()

for (const [path, key, allowed] of PAGES) {
  comingSoon.get(path, (c) => (allowed(c) ? c.html(ComingSoonPage({ ctx: viewContext(c), page: key })) : notFound(c)))
}

// Bills & payments → Invoices (issue 13): its tabs already lead to Payment methods. Guests have no
// billing pages (DESIGN §1: they never buy).
comingSoon.get(invoicesUrl(), (c) =>
  c.var.actor?.kind === 'member' ? c.html(InvoicesSoonPage({ ctx: viewContext(c) })) : notFound(c),
)
