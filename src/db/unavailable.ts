// Whether an error means "the database cannot be reached right now" (an outage the app answers
// with 503 and recovers from by itself), as opposed to a bug or a refused statement (500). Only
// db/ knows the driver, so the driver's codes live here.

/** Node socket errors and postgres.js connection errors (`Errors.connection(code)`). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
])

/**
 * SQLSTATEs of a server that is going away or not taking sessions: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, or in recovery), and 53300
 * too_many_connections. Class 08 (connection exception) is matched by its prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300'])

// Drizzle wraps the driver's error in DrizzleQueryError (`cause`), and a service may wrap that
// again; a few levels is plenty, and the bound keeps a cyclic chain from looping.
const MAX_DEPTH = 8

/** True when err, or an error in its `cause` chain, says the database is unreachable. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof err !== 'object' || err === null) return false
  const code = (err as { code?: unknown }).code
  if (typeof code === 'string' && isUnavailableCode(code)) return true
  // Connecting to a name with several addresses fails with an AggregateError of each attempt.
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true
  return isDatabaseUnavailable((err as { cause?: unknown }).cause, depth + 1)
}

function isUnavailableCode(code: string): boolean {
  return CONNECTION_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)
}
