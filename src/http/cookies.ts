import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppContext } from './env'
import { isHttps } from './request-url'

/** Our cookies, by their name over plain http. */
type CookieBase = 'ss_session' | 'ss_csrf' | 'ss_lang' | 'ss_flash'

/**
 * Over https a cookie is named `__Host-<name>`. The browser accepts such a cookie only with
 * Secure, Path=/ and no Domain, so neither a plain-http page nor a sibling subdomain can plant or
 * overwrite it (a planted ss_csrf would defeat the double submit). Over plain http (localhost, a
 * proxy we do not trust) the browser would refuse the prefix, so the plain name stays. A request
 * is read under the name of its own scheme only.
 */
function cookieName(c: AppContext, base: CookieBase): string {
  return isHttps(c) ? `__Host-${base}` : base
}

export function readCookie(c: AppContext, base: CookieBase): string | undefined {
  return getCookie(c, cookieName(c, base))
}

/** DESIGN §1: HttpOnly, SameSite=Lax, Secure over https (so http://localhost still works). */
export function writeCookie(
  c: AppContext,
  base: CookieBase,
  value: string,
  lifetime: { maxAge?: number; expires?: Date } = {},
): void {
  const attributes = { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/' } as const
  setCookie(c, cookieName(c, base), value, { ...attributes, ...lifetime })
}

export function clearCookie(c: AppContext, base: CookieBase): void {
  deleteCookie(c, cookieName(c, base), { path: '/', secure: isHttps(c) })
}
