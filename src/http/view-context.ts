import { translator } from '../i18n/index'
import type { ViewContext } from '../../views/context'
import type { AppContext } from './env'
import { currentUrl } from './request-url'

/** The plain data a view needs about this request. Safe to call before every variable is set
 *  (an error can happen in the first middleware): it falls back to English and no user. */
export function viewContext(c: AppContext): ViewContext {
  const locale = c.var.locale ?? 'en'
  const actor = c.var.actor ?? null
  return {
    t: c.var.t ?? translator(locale),
    locale,
    user: actor ? { displayName: actor.displayName, kind: actor.kind, role: actor.role } : null,
    csrfToken: c.var.csrfToken ?? '',
    currentUrl: currentUrl(c),
    requestId: c.var.requestId ?? '',
    unreadNotifications: c.var.unread ?? 0,
    regionAdminUrl: c.var.deps?.config.regionAdminUrl,
  }
}
