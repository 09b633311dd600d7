import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { isHttps } from './request-url'

// A strict CSP: our own scripts and styles only, no inline code, no eval, no framing.
// htmx is served from our origin; its inline indicator style is turned off in the layout.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

// Over https, browsers are told to use https only for a year, subdomains included, so a later
// plain-http link or a stripped redirect cannot expose the session cookie. Never over plain http:
// a browser ignores it there, and a local http://localhost must keep working.
const HSTS = 'max-age=31536000; includeSubDomains'

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    // Set on the answer's own headers: Hono's c.header() after next() rebuilds the answer around a web
    // stream, which took @hono/node-server off its fast path (a string written as it is) for every page.
    const headers = c.res.headers
    headers.set('Content-Security-Policy', CSP)
    headers.set('X-Content-Type-Options', 'nosniff')
    headers.set('Referrer-Policy', 'same-origin')
    headers.set('X-Frame-Options', 'DENY')
    headers.set('Cross-Origin-Opener-Policy', 'same-origin')
    headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    if (isHttps(c)) headers.set('Strict-Transport-Security', HSTS)
    // Pages carry personal and billing data: never keep them in a shared cache.
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
  }
}
