import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorPage, type ErrorKind } from '../../views/pages/errors/error-page'
import type { AppEnv } from './env'
import { describeError } from '../log'
import { viewContext } from './view-context'

/** Thrown by middleware for a refusal that has its own page (403, 404, 413). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413,
    readonly kind: ErrorKind,
  ) {
    super(kind)
  }
}

export function renderError(c: Context<AppEnv>, status: 400 | 403 | 404 | 413 | 500, kind: ErrorKind): Response {
  return c.html(ErrorPage({ ctx: viewContext(c), kind }), status)
}

/** The last stop for errors: a known refusal gets its page, anything else is logged and gets
 *  the generic 500 page with the request id (never the error's text: it may hold data). */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof HttpError) return renderError(c, err.status, err.kind)
  if (err instanceof HTTPException && err.status === 413) return renderError(c, 413, 'tooLarge')
  c.var.deps?.log.error('request failed', { requestId: c.var.requestId, path: new URL(c.req.url).pathname, error: describeError(err) })
  return renderError(c, 500, 'server')
}

export function notFound(c: Context<AppEnv>): Response {
  return renderError(c, 404, 'notFound')
}

