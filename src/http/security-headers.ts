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
  // Set before the handler, into the headers Hono gives every answer it makes (pages, errors, redirects,
  // files): after next(), c.header() rebuilt each answer around a web stream (off @hono/node-server's fast
  // path, issue 15), and changing c.res.headers instead was lost whenever the answer was copied (a HEAD,
  // compression). A handler that sets its own Cache-Control (static files, PDFs) replaces the default.
  return async (c, next) => {
    c.header('Content-Security-Policy', CSP)
    c.header('X-Content-Type-Options', 'nosniff')
    c.header('Referrer-Policy', 'same-origin')
    c.header('X-Frame-Options', 'DENY')
    c.header('Cross-Origin-Opener-Policy', 'same-origin')
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()')
    if (isHttps(c)) c.header('Strict-Transport-Security', HSTS)
    // Pages carry personal and billing data: never keep them in a shared cache.
    c.header('Cache-Control', 'no-store')
    await next()
  }
}
