import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { openDatabase, type Database } from '../../src/db/client'

export type DatabaseKind = 'pglite' | 'postgres'

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL names a server (scripts/test.ts sets it). */
export const DATABASE_KINDS: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/**
 * A fresh, migrated database for one test file. On PostgreSQL each call creates its own
 * database (dropped by close) so test files can run in parallel without seeing each other.
 */
export async function freshDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' })
    await database.migrate()
    return database
  }
  const [database] = await freshPostgresInstances(1)
  return database!
}

/**
 * A fresh PostgreSQL database opened by `n` separate connection pools, as `n` app instances behind
 * one database would. Closing the first closes them all and drops the database.
 */
export async function freshPostgresInstances(n: number): Promise<Database[]> {
  const url = await freshPostgresUrl()
  const instances: Database[] = []
  for (let i = 0; i < n; i++)
    instances.push(await openDatabase({ databaseUrl: url.url, dataDir: '', maxConnections: 20 }))
  await instances[0]!.migrate()
  const [first, ...others] = instances
  return [
    {
      ...first!,
      async close() {
        for (const db of [first!, ...others]) await db.close()
        await url.drop()
      },
    },
    ...others.map((db) => ({ ...db, close: async () => {} })),
  ]
}

/** A new empty PostgreSQL database on the test server, and how to drop it. */
export async function freshPostgresUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `selfserve_t_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await drop.unsafe(`drop database if exists ${name} with (force)`)
      await drop.end()
    },
  }
}
