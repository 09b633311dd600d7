import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'
import { HttpError } from './errors'

// PostgreSQL text cannot hold a NUL byte, and no field of ours wants a control character other
// than tab and newlines. Refusing them at the door turns what would be a 500 deep in a query (or,
// worse, after a charge) into a clear 400 (rule 6).
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

function hasForbidden(value: unknown): boolean {
  if (typeof value === 'string') return FORBIDDEN.test(value)
  if (Array.isArray(value)) return value.some(hasForbidden)
  return false
}

export function textGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let path: string
    try {
      path = decodeURIComponent(new URL(c.req.url).pathname)
    } catch {
      throw new HttpError(400, 'badRequest')
    }
    if (FORBIDDEN.test(path) || Object.values(c.req.queries()).some(hasForbidden))
      throw new HttpError(400, 'badRequest')
    if (c.req.method === 'POST') {
      const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>)
      if (Object.values(body).some(hasForbidden)) throw new HttpError(400, 'badRequest')
    }
    await next()
  }
}
