import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import * as schema from './schema/index'
import { inArrivalOrder } from './fair-queue'
import { preparingEveryStatement } from './prepared-statements'

export type Schema = typeof schema
/** The one database type the services see, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export type Database = {
  db: Db
  kind: 'pglite' | 'postgres'
  migrate(): Promise<void>
  ping(): Promise<void>
  close(): Promise<void>
}

/**
 * drizzle/ ships with the code, so it is found from this file, not from the working directory
 * (cron may run `node /srv/selfserve/dist/jobs-cli.js` from anywhere): at the project root, the
 * nearest folder above with a package.json. That is two levels up from src/db/ under tsx and one
 * up from dist/ once bundled.
 */
function migrationsFolder(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'drizzle')
    if (dirname(dir) === dir) throw new Error(`No package.json above ${import.meta.dirname}`)
  }
}
// Any fixed number: instances starting together take turns migrating (pg_advisory_lock).
const MIGRATION_LOCK_ID = 727_001

/** Called with each statement's SQL text, before it runs. */
export type QueryListener = (query: string) => void

/**
 * Drizzle's logger sees every statement either driver runs for the app (transaction control, BEGIN and
 * COMMIT, aside): the one place to count them. Off unless a listener is given (the query-budget test).
 */
function queryLogger(onQuery: QueryListener | undefined) {
  return onQuery ? { logger: { logQuery: (query: string) => onQuery(query) } } : {}
}

/** How many of a handle's connections a background job keeps busy at once (see jobWorkers). */
const JOB_WORKERS = new WeakMap<Db, number>()
/** At most this many, and about a third of the pool (4 of the app's 10): pages keep the rest while the job runs. */
const MAX_JOB_WORKERS = 4

/**
 * How many rows a background job (the lifecycle's renewals) may work on at once over this handle: a
 * few of postgres.js's pool, leaving most of it to the pages of the app the job runs in; one on the
 * embedded database, whose single connection the job shares with every request.
 */
export function jobWorkers(db: Db): number {
  return JOB_WORKERS.get(db) ?? 1
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in dataDir (`memory://` for tests). */
export async function openDatabase(opts: {
  databaseUrl?: string | undefined
  dataDir: string
  maxConnections?: number
  onQuery?: QueryListener | undefined
}): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.maxConnections ?? 10, opts.onQuery)
  return openPglite(opts.dataDir, opts.onQuery)
}

/**
 * While the database is unreachable, a request should fail fast with a 503 rather than hang:
 * postgres.js waits 30 s for a connection by default.
 */
const CONNECT_TIMEOUT_SECONDS = 5

/**
 * Seconds before postgres.js reconnects a closed connection, given the failures counted across
 * the pool since the last success. Its default grows to 10-20 s after about eight failures, so a
 * pool of ten dropped at once kept requests waiting that long after the database came back.
 * Half a second to a second between tries is gentle enough for a server that refuses connections.
 */
function reconnectDelay(failures: number): number {
  return Math.min(0.05 * 2 ** failures, 1) * (0.5 + Math.random() / 2)
}

const DRIVER_OPTIONS = { onnotice: () => {}, connect_timeout: CONNECT_TIMEOUT_SECONDS, backoff: reconnectDelay }

async function openPostgres(url: string, max: number, onQuery?: QueryListener): Promise<Database> {
  const client = postgres(url, { ...DRIVER_OPTIONS, max, connection: { application_name: 'selfserve' } })
  const db = drizzlePostgres(preparingEveryStatement(client), { schema, ...queryLogger(onQuery) }) as unknown as Db
  JOB_WORKERS.set(db, Math.min(MAX_JOB_WORKERS, Math.ceil(max / 3)))
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // One connection, so the advisory lock and the migration share a session.
      const conn = postgres(url, { ...DRIVER_OPTIONS, max: 1 })
      try {
        await conn`select pg_advisory_lock(${MIGRATION_LOCK_ID})`
        await migratePostgres(drizzlePostgres(conn, { schema }), { migrationsFolder: migrationsFolder() })
        await conn`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`
      } finally {
        await conn.end({ timeout: 5 })
      }
    },
    ping: async () => void (await db.execute(sql`select 1`)),
    close: () => client.end({ timeout: 5 }),
  }
}

async function openPglite(dataDir: string, onQuery?: QueryListener): Promise<Database> {
  const path = dataDir.startsWith('memory://') ? dataDir : resolve(dataDir)
  const unlock = path.startsWith('memory://') ? () => {} : lockDataDir(path)
  // PostgreSQL's 128 MB of shared buffers sat inside the WebAssembly heap on top of the files the OS
  // already caches (the demo database is 40 MB): 16 MB took the app's peak RSS under load from about
  // 410 MB to 290 MB at the same throughput (issue 15).
  const client = await PGlite.create(path, { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] })
  // Requests take turns on the one embedded connection in the order they arrived (fair-queue.ts).
  const db = drizzlePglite(inArrivalOrder(client), { schema, ...queryLogger(onQuery) }) as unknown as Db
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: migrationsFolder() }),
    ping: async () => void (await db.execute(sql`select 1`)),
    close: async () => {
      await client.close()
      unlock()
    },
  }
}

export class DataDirInUseError extends Error {}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt it. A
 * lock file with the owner's pid keeps a second `npm start` or `npm run jobs:run` out while the
 * first runs (a lock left by a dead process is taken over).
 */
function lockDataDir(path: string): () => void {
  mkdirSync(path, { recursive: true })
  const lock = join(path, 'selfserve.lock')
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx': create only if absent, atomically, so two processes starting together cannot both win.
      writeFileSync(lock, String(process.pid), { flag: 'wx' })
      break
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e
      const pid = Number(readFileSync(lock, 'utf8'))
      if (pid && pid !== process.pid && alive(pid))
        throw new DataDirInUseError(
          `The embedded database in ${path} is in use by process ${pid}. ` +
            'Stop it first (the server runs the lifecycle job itself).',
        )
      rmSync(lock, { force: true }) // left by a process that is gone
    }
  }
  const release = () => rmSync(lock, { force: true })
  process.once('exit', release)
  return release
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
