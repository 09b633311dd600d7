import type { MiddlewareHandler } from 'hono'
import { isLocale, localeFromAcceptLanguage, translator } from '../i18n/index'
import { readCookie } from './cookies'
import type { AppEnv } from './env'

/** The user's stored language; before sign-in, the visitor's choice (cookie) or Accept-Language. */
export function language(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const chosen = readCookie(c, 'ss_lang')
    const locale =
      c.var.actor?.language ?? (isLocale(chosen) ? chosen : localeFromAcceptLanguage(c.req.header('accept-language')))
    c.set('locale', locale)
    c.set('t', translator(locale))
    // Before the handler: see securityHeaders.
    c.header('Content-Language', locale)
    c.header('Vary', 'Accept-Language, Cookie, HX-Request')
    await next()
  }
}
