import type { MiddlewareHandler } from 'hono'
import { arrival } from '../db/fair-queue'
import type { AppEnv } from './env'

/**
 * Stamps the request with when it arrived, for everything it runs: on the embedded database its
 * statements then take their turn among other requests' by that time (src/db/fair-queue.ts), so a
 * request half done is finished before one that came later starts. PostgreSQL ignores it.
 */
export function arrivalOrder(): MiddlewareHandler<AppEnv> {
  return (_c, next) => arrival.run(performance.now(), next)
}
