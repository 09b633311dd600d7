import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { readCookie, writeCookie } from './cookies'
import type { AppEnv } from './env'
import { HttpError } from './errors'
import { CSRF_FIELD } from '../../views/components/csrf-field'

/**
 * CSRF protection that needs no JavaScript (DESIGN §11): a random token in an HttpOnly,
 * SameSite=Lax cookie, repeated in a hidden field of every form (double submit). A cross-site
 * page can neither read the cookie nor, with SameSite=Lax, make the browser send it on a POST.
 * As a second line, a POST whose Origin is another site, or `null`, is refused outright.
 * Stateless, so any app instance can check any form. The token changes at sign-in and sign-out
 * (rotateCsrfToken), so a token seen before either no longer works after it.
 */
export function csrf(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readCookie(c, 'ss_csrf')
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      rotateCsrfToken(c)
      if (c.req.method === 'POST') throw new HttpError(403, 'forbidden')
      return next()
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

/** A new token in the cookie and for the page being rendered; the one the request sent stops
 *  matching. Called at sign-in and sign-out, so a token learned before does not outlive them. */
export function rotateCsrfToken(c: Context<AppEnv>): void {
  const token = randomBytes(32).toString('base64url')
  writeCookie(c, 'ss_csrf', token)
  c.set('csrfToken', token)
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** An Origin header, when the browser sends one, must name this host. `Origin: null` comes from
 *  a sandboxed frame, a data: or file: page, or a redirect across sites: never from our own forms,
 *  which are same-origin (and Referrer-Policy: same-origin keeps their Origin), so it is refused. */
function sameSite(c: Context<AppEnv>): boolean {
  const origin = c.req.header('origin')
  if (origin === undefined) return true
  if (origin === 'null') return false
  const host =
    (c.var.deps.config.trustProxy && c.req.header('x-forwarded-host')) ||
    c.req.header('host') ||
    new URL(c.req.url).host
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
