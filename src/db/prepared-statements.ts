import type { Sql } from 'postgres'

/**
 * Statements with more parameters than this stay unnamed: their text carries an `in (…)` list of that many
 * ids (a take-over's holders, the job's skipped rows), so each length would be one more statement that
 * postgres.js keeps on the connection for good. Up to this many, a query has at most this many variants.
 */
const MAX_PREPARED_PARAMS = 32

/**
 * postgres.js as drizzle should use it: every statement prepared (but long lists, above). drizzle asks
 * postgres.js for an unnamed statement (`prepare: false`) unless a query was given a name, and postgres.js
 * then sends each statement with parameters twice over: Parse and Describe, wait for the parameter types,
 * then Bind and Execute — two round trips and a parse on the server for every query of every page (issue
 * 15's profile: a fifth of the process's time in socket writes). Prepared, a statement is parsed once per
 * connection (postgres.js keeps them by text) and then costs one round trip.
 *
 * The texts are drizzle's, with every value a parameter, so there are as many as the app has queries (an
 * `in (…)` list makes one per length, up to MAX_PREPARED_PARAMS). Not for a pooler in transaction mode
 * (PgBouncer), which cannot keep a connection's prepared statements.
 */
export function preparingEveryStatement(client: Sql): Sql {
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === 'unsafe')
        return (query: string, params?: unknown[], options?: object) =>
          target.unsafe(query, params as never, { ...options, prepare: (params?.length ?? 0) <= MAX_PREPARED_PARAMS })
      // A transaction's and a savepoint's client come through here too.
      if (key === 'begin' || key === 'savepoint')
        return (...args: unknown[]) => {
          const last = args.length - 1
          const body = args[last] as (sql: Sql) => unknown
          args[last] = (sql: Sql) => body(preparingEveryStatement(sql))
          const start = Reflect.get(target, key) as (...a: unknown[]) => unknown
          return start.apply(target, args)
        }
      const value = Reflect.get(target, key, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
