import type { Context } from 'hono'
import type { AppEnv } from './env'

/** An htmx request that targets part of the page: answer with the fragment, not the page. */
export function isPartial(c: Context<AppEnv>): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full'
}
