import type { MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Context } from 'hono'
import { actorForSession } from '../services/auth/sessions'
import { countUnread } from '../services/notifications/notifications'
import type { AppEnv } from './env'
import { currentUrl, isHttps } from './request-url'

export const SESSION_COOKIE = 'ss_session'

/** Loads the signed-in user, if any, from the session cookie. */
export function session(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await actorForSession(c.var.deps, getCookie(c, SESSION_COOKIE))
    c.set('actor', actor)
    // For the header's "Notifications (N unread)": one indexed count per page.
    c.set('unread', actor && !c.req.header('hx-request') ? await countUnread(c.var.deps, actor) : 0)
    await next()
  }
}

/** DESIGN §1: HttpOnly, SameSite=Lax, Secure behind https (so http://localhost still works). */
export function setSessionCookie(c: Context<AppEnv>, value: string, expires: Date): void {
  setCookie(c, SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', expires })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

/** Pages behind sign-in: a visitor goes to /login and comes back after; htmx gets HX-Redirect. */
export function requireSignIn(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.var.actor) return next()
    const login = `/login?next=${encodeURIComponent(c.req.method === 'GET' ? currentUrl(c) : '/billing/products')}`
    if (c.req.header('hx-request')) {
      c.header('HX-Redirect', login)
      return c.body(null, 204)
    }
    return c.redirect(login, 303)
  }
}
