import { Hono } from 'hono'
import { ComingSoonPage } from '../../views/pages/errors/error-page'
import type { MessageKey } from '../i18n/index'
import type { AppEnv } from '../http/env'
import { notFound } from '../http/errors'
import { viewContext } from '../http/view-context'

// Navigation entries whose pages later issues build; each says so instead of a dead link.
const PAGES: [string, MessageKey, (c: { var: AppEnv['Variables'] }) => boolean][] = [['/help', 'nav.help', () => true]]

export const comingSoon = new Hono<AppEnv>()

for (const [path, key, allowed] of PAGES) {
  comingSoon.get(path, (c) => (allowed(c) ? c.html(ComingSoonPage({ ctx: viewContext(c), page: key })) : notFound(c)))
}
