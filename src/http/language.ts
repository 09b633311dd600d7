import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { isLocale, localeFromAcceptLanguage, translator } from '../i18n/index'
import type { AppEnv } from './env'

export const LANGUAGE_COOKIE = 'ss_lang'

/** The user's stored language; before sign-in, the visitor's choice (cookie) or Accept-Language. */
export function language(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const chosen = getCookie(c, LANGUAGE_COOKIE)
    const locale = c.var.actor?.language ?? (isLocale(chosen) ? chosen : localeFromAcceptLanguage(c.req.header('accept-language')))
    c.set('locale', locale)
    c.set('t', translator(locale))
    await next()
    c.header('Content-Language', locale)
    c.header('Vary', 'Accept-Language, Cookie, HX-Request')
  }
}
