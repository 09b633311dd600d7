import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { renderError } from './errors'

// What our forms send: htmx posts URLSearchParams, a plain form urlencoded (or multipart).
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data'])

/**
 * A POST must be a form. Hono's parseBody reads any other body (JSON, text/plain) as an empty
 * form, so a JSON body with a valid X-CSRF-Token once reached a route as "no fields" and turned
 * recurring billing off (issue 9). Refused with a 415 page before the CSRF check and before any
 * route reads the body.
 */
export function formBodiesOnly(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next()
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
    if (FORM_TYPES.has(type)) return next()
    return renderError(c, 415, 'unsupportedMediaType')
  }
}
