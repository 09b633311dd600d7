import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorPage, type ErrorKind } from '../../views/pages/errors/error-page'
import { isDatabaseUnavailable } from '../db/unavailable'
import { localeFromAcceptLanguage, translator } from '../i18n/index'
import { describeError } from '../log'
import { ChargeUnsettledError } from '../services/charges/charge-unsettled'
import type { AppContext, AppEnv } from './env'
import { viewContext } from './view-context'

/** Retry-After on a 503: the page asks the user to try again in a minute. */
const RETRY_AFTER_SECONDS = 60

/** Thrown by middleware for a refusal that has its own page (403, 404, 413). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    readonly kind: ErrorKind,
  ) {
    super(kind)
  }
}

export function renderError(c: AppContext, status: 400 | 403 | 404 | 413 | 415 | 500 | 503, kind: ErrorKind): Response {
  return c.html(ErrorPage({ ctx: viewContext(c), kind }), status)
}

/** The last stop for errors: a known refusal gets its page; the database being unreachable gets
 *  a 503 (a charge taken meanwhile, its own 503); anything else is logged and gets the generic
 *  500 page with the request id (never the error's text: it may hold data). */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HttpError) return renderError(c, err.status, err.kind)
  if (err instanceof HTTPException && err.status === 413) return renderError(c, 413, 'tooLarge')
  // The charge check comes first: its cause is a database error too, but its page must say that
  // the money is being settled, not that nothing was charged.
  if (err instanceof ChargeUnsettledError) return unavailable(c, err, 'chargeUnsettled')
  if (isDatabaseUnavailable(err)) return unavailable(c, err, 'unavailable')
  c.var.deps?.log.error('request failed', {
    requestId: c.var.requestId,
    path: new URL(c.req.url).pathname,
    error: describeError(err),
  })
  return renderError(c, 500, 'server')
}

/** An outage, not a bug: a warning in the log, and a 503 that tells clients when to come back. */
function unavailable(c: Context<AppEnv>, err: Error, kind: 'unavailable' | 'chargeUnsettled'): Response {
  const path = new URL(c.req.url).pathname
  c.var.deps?.log.warn('database unavailable', { requestId: c.var.requestId, path, kind, error: describeError(err) })
  if (!c.var.locale) {
    // The session middleware failed before the language was chosen (it needs the database):
    // the browser's language is the best we can do without it.
    const locale = localeFromAcceptLanguage(c.req.header('accept-language'))
    c.set('locale', locale)
    c.set('t', translator(locale))
  }
  c.header('Retry-After', String(RETRY_AFTER_SECONDS))
  return renderError(c, 503, kind)
}

export function notFound(c: AppContext): Response {
  return renderError(c, 404, 'notFound')
}
