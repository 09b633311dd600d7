import type { AppContext } from './env'

/** An htmx request that targets part of the page: answer with the fragment, not the page. */
export function isPartial(c: AppContext): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full'
}
