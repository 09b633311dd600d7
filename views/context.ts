import type { Locale, Translate } from '../src/i18n/index'

/** What every view knows about the request: plain data, never a database handle. */
export type ViewContext = {
  t: Translate
  locale: Locale
  user: { displayName: string; kind: 'member' | 'guest'; role: 'user' | 'admin' } | null
  csrfToken: string
  /** Path and query of the current page, to come back to after a language switch. */
  currentUrl: string
  requestId: string
  unreadNotifications: number
  /** The admin center of the deployment's sovereign-cloud region (REGION_ADMIN_URL), when it has one. */
  regionAdminUrl: string | undefined
}
