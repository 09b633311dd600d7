import type { AppContext } from './env'
import { productsUrl } from '../../views/urls'

/** True when the browser talked https to us, directly or through a trusted proxy (DESIGN §1). */
export function isHttps(c: AppContext): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true
  return c.var.deps.config.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For hop,
 *  the one our proxy appended (the ones before it are whatever the client chose to send). */
export function clientIp(c: AppContext): string {
  if (c.var.deps.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined
  return env?.incoming?.socket?.remoteAddress ?? 'unknown'
}

/** A local path to come back to: only "/something", never "//host" or "/\\host" (open redirect). */
export function safeNext(value: unknown, fallback = productsUrl()): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\'))
    return fallback
  if (/[\u0000-\u001f]/.test(value) || value.length > 2000) return fallback
  return value
}

/** Path and query of this request. */
export function currentUrl(c: AppContext): string {
  const url = new URL(c.req.url)
  return url.pathname + url.search
}
