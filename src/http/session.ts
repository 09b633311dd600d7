import type { MiddlewareHandler } from 'hono'
import type { Context } from 'hono'
import { actorForSession } from '../services/auth/sessions'
import { countUnread } from '../services/notifications/notifications'
import { clearCookie, readCookie, writeCookie } from './cookies'
import type { AppEnv } from './env'
import { currentUrl } from './request-url'
import { productsUrl } from '../../views/urls'

/** Loads the signed-in user, if any, from the session cookie. */
export function session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await actorForSession(c.var.deps, sessionCookie(c))
    c.set('actor', actor)
    // For the header's "Notifications (N unread)": one indexed count per page.
    c.set('unread', actor && !c.req.header('hx-request') ? await countUnread(c.var.deps, actor) : 0)
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
  return async (c, next) => {
    if (c.var.actor) return next()
    const login = `/login?next=${encodeURIComponent(c.req.method === 'GET' ? currentUrl(c) : productsUrl())}`
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', login)
      return c.body(null, 204)
    }
    return c.redirect(login, 303)
  }
}
