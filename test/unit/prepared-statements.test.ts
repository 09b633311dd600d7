import type { Sql } from 'postgres'
import { describe, expect, it } from 'vitest'
import { preparingEveryStatement } from '../../src/db/prepared-statements'

/** A stand-in for postgres.js: records what each unsafe() was asked, and runs transactions and savepoints. */
function fakeClient() {
  const asked: { query: string; prepare: unknown }[] = []
  const client = {
    unsafe: (query: string, _params: unknown[], options: { prepare?: unknown }) => {
      asked.push({ query, prepare: options.prepare })
      return Promise.resolve([])
    },
    begin: (body: (sql: unknown) => unknown) => body(client),
    savepoint: (_name: string, body: (sql: unknown) => unknown) => body(client),
    options: { parsers: {} },
  }
  return { client: client as unknown as Sql, asked }
}

describe('every statement prepared', () => {
  it('prepares a query drizzle sends unnamed, inside transactions and savepoints too', async () => {
    const { client, asked } = fakeClient()
    const sql = preparingEveryStatement(client)
    await sql.unsafe('select $1', [1], { prepare: false })
    await sql.begin(async (tx) => {
      await tx.unsafe('select $1', [2], { prepare: false })
      await tx.savepoint('s', async (sp) => {
        await sp.unsafe('select $1', [3], { prepare: false })
      })
    })
    expect(asked.map((a) => a.prepare)).toEqual([true, true, true])
    expect(sql.options).toBe(client.options)
  })

  it('leaves a statement with a long list of ids unnamed: each length would stay on the connection', async () => {
    const { client, asked } = fakeClient()
    const sql = preparingEveryStatement(client)
    const ids = Array.from({ length: 33 }, (_, i) => `id${i}`)
    await sql.unsafe(`select 1 where id in (${ids.map((_, i) => `$${i + 1}`).join(',')})`, ids, { prepare: false })
    await sql.unsafe('select $1', [1], { prepare: false })
    expect(asked.map((a) => a.prepare)).toEqual([false, true])
  })
})
