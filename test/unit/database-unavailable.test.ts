import { createServer } from 'node:net'
import { sql } from 'drizzle-orm'
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable } from '../../src/db/unavailable'

const withCode = (code: string) => Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code })
const postgresError = (code: string) => Object.assign(new Error('server said no'), { name: 'PostgresError', code })
const wrapped = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error)

describe('isDatabaseUnavailable', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT'])(
    'counts the connection error %s, bare or wrapped by drizzle',
    (code) => {
      expect(isDatabaseUnavailable(withCode(code))).toBe(true)
      expect(isDatabaseUnavailable(wrapped(withCode(code)))).toBe(true)
    },
  )

  it.each(['08006', '08001', '08P01', '57P01', '57P02', '57P03', '53300'])('counts the SQLSTATE %s', (code) => {
    expect(isDatabaseUnavailable(wrapped(postgresError(code)))).toBe(true)
  })

  it.each(['23505', '40001', '42601', '57014', '22P02'])(
    'does not count the SQLSTATE %s (a statement refused)',
    (code) => expect(isDatabaseUnavailable(wrapped(postgresError(code)))).toBe(false),
  )

  it('looks through a service error that wraps the driver error, and through an AggregateError', () => {
    const service = new Error('recording failed', { cause: wrapped(withCode('CONNECTION_ENDED')) })
    expect(isDatabaseUnavailable(service)).toBe(true)
    const attempts = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])
    expect(isDatabaseUnavailable(attempts)).toBe(true)
  })

  it('does not count plain errors, codes that only look alike, or non-errors', () => {
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of null (reading 'write')"))).toBe(false)
    expect(isDatabaseUnavailable(withCode('080'))).toBe(false)
    expect(isDatabaseUnavailable(withCode('ERR_INVALID_ARG_TYPE'))).toBe(false)
    expect(isDatabaseUnavailable(undefined)).toBe(false)
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false)
  })

  it('stops on a cause chain that loops', () => {
    const a: Error & { cause?: unknown } = new Error('a')
    a.cause = new Error('b', { cause: a })
    expect(isDatabaseUnavailable(a)).toBe(false)
  })

  it('counts what postgres.js and drizzle really throw when nothing listens on the port', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    await new Promise((resolve) => server.close(resolve))
    const client = postgres({ host: '127.0.0.1', port, max: 1, connect_timeout: 2, onnotice: () => {} })
    const error = await drizzle(client)
      .execute(sql`select 1`)
      .then(
        () => null,
        (e: unknown) => e,
      )
    await client.end({ timeout: 1 })
    expect(error).toBeInstanceOf(DrizzleQueryError)
    expect(isDatabaseUnavailable(error)).toBe(true)
  })
})
