import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './env'
import { HttpError } from './errors'
import { isHttps } from './request-url'

export const CSRF_COOKIE = 'ss_csrf'
export const CSRF_FIELD = '_csrf'

/**
 * CSRF protection that needs no JavaScript (DESIGN §11): a random token in an HttpOnly,
 * SameSite=Lax cookie, repeated in a hidden field of every form (double submit). A cross-site
 * page can neither read the cookie nor, with SameSite=Lax, make the browser send it on a POST.
 * As a second line, a POST whose Origin is another site is refused outright. Stateless, so any
 * app instance can check any form.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let token = getCookie(c, CSRF_COOKIE)
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      token = randomBytes(32).toString('base64url')
      setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/' })
      if (c.req.method === 'POST') throw new HttpError(403, 'forbidden')
    }
    c.set('csrfToken', token)
    if (c.req.method !== 'POST') return next()

    if (!sameSite(c)) throw new HttpError(403, 'forbidden')
    // { all: true }: a form may repeat a field (userIds); a repeated _csrf is an array and fails.
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>)
    const sent = body[CSRF_FIELD] ?? c.req.header('x-csrf-token')
    if (typeof sent !== 'string' || !sameToken(sent, token)) throw new HttpError(403, 'forbidden')
    return next()
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** An Origin header, when the browser sends one, must name this host. */
function sameSite(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin')
  if (!origin || origin === 'null') return true
  const host = (c.var.deps.config.trustProxy && c.req.header('x-forwarded-host')) || c.req.header('host') || new URL(c.req.url).host
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
