import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { signedInUser } from '../services/auth/sessions'
import { clearCookie, readCookie, writeCookie } from './cookies'
import type { AppContext, AppEnv, SignedInEnv } from './env'
import type { Actor } from '../services/deps'
import { currentUrl } from './request-url'
import { productsUrl } from '../../views/urls'

/** Loads the signed-in user, if any, from the session cookie. */
export function session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // The header's "Notifications (N unread)" comes in the same statement as the user; fragments have
    // no header, so htmx requests skip the count.
    const signedIn = await signedInUser(c.var.deps, sessionCookie(c), { countUnread: !c.req.header('hx-request') })
    c.set('actor', signedIn?.actor ?? null)
    c.set('unread', signedIn?.unread ?? 0)
    await next()
  }
}

/** The secret session id this request carries, if any. */
export function sessionCookie(c: Context<AppEnv>): string | undefined {
  return readCookie(c, 'ss_session')
}

export function setSessionCookie(c: Context<AppEnv>, value: string, expires: Date): void {
  writeCookie(c, 'ss_session', value, { expires })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  clearCookie(c, 'ss_session')
}

/** Pages behind sign-in: a visitor goes to /login and comes back after; htmx gets HX-Redirect. */
export function requireSignIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => (c.var.actor ? next() : toSignIn(c))
}

/** A router for pages behind sign-in: its handlers see `c.var.actor` as an Actor, never null. */
export function signedInRoutes(): Hono<SignedInEnv> {
  const routes = new Hono<SignedInEnv>()
  // The type promises an actor; this check keeps the promise, whatever is mounted in front.
  routes.use(async (c, next) => {
    const actor: Actor | null = c.var.actor
    return actor ? next() : toSignIn(c)
  })
  return routes
}

function toSignIn(c: AppContext): Response {
  const login = `/login?next=${encodeURIComponent(c.req.method === 'GET' ? currentUrl(c) : productsUrl())}`
  if (c.req.header('hx-request')) {
    c.header('HX-Redirect', login)
    return c.body(null, 204)
  }
  return c.redirect(login, 303)
}
