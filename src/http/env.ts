import type { Config } from '../config'
import type { Database } from '../db/client'
import type { Locale, Translate } from '../i18n/index'
import type { Actor, Deps } from '../services/deps'
import type { Context } from 'hono'

/** What the app is built from: services' deps plus the settings the HTTP layer needs. */
export type AppDeps = Deps & {
  database: Pick<Database, 'ping'>
  config: Pick<Config, 'trustProxy' | 'env' | 'regionAdminUrl'> & Partial<Pick<Config, 'benchRoutes'>>
}

/** Hono context variables set by the middleware in src/http, in this order. */
export type AppEnv = {
  Variables: {
    deps: AppDeps
    requestId: string
    csrfToken: string
    actor: Actor | null
    locale: Locale
    t: Translate
    unread: number
  }
}

/** The same, behind sign-in: routers made by signedInRoutes() see an Actor, never null. */
export type SignedInEnv = { Variables: Omit<AppEnv['Variables'], 'actor'> & { actor: Actor } }

/** Any request of this app, signed in or not: what the helpers in src/http take. */
export type AppContext = Context<AppEnv> | Context<SignedInEnv>
