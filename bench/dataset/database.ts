import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import postgres from 'postgres'

export type Sql = postgres.Sql

/** Where `npm run bench:data` and `npm run bench` keep their PostgreSQL data (scale 1). */
export const DEFAULT_BENCH_URL = 'postgres://postgres@127.0.0.1:5432/selfserve_bench'

/** The database of a scale: the URL given, else BENCH_DATABASE_URL or the default, with `_x<N>` added
 *  to the database name for scales other than 1, so scale 1 and scale 10 can sit side by side. */
export function benchDatabaseUrl(scale: number, explicit?: string): string {
  if (explicit) return explicit
  const url = new URL(process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL)
  if (scale !== 1) url.pathname = `${url.pathname}_x${scale}`
  return url.toString()
}

export const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1))

function serverUrl(url: string): string {
  const u = new URL(url)
  u.pathname = '/postgres'
  return u.toString()
}

const OPTIONS = { onnotice: () => {}, max: 1 }

/** What the generator wrote on the database (a COMMENT ON DATABASE): the scale and seed it holds. */
export type BenchMarker = { scale: number; seed: number; now: string; generatedAt: string; seconds: number }
const MARKER_PREFIX = 'selfserve bench data '

export async function readMarker(url: string): Promise<BenchMarker | null> {
  const sql = postgres(serverUrl(url), OPTIONS)
  try {
    const [row] = await sql<{ comment: string | null }[]>`
      select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${databaseName(url)}`
    const comment = row?.comment
    return comment?.startsWith(MARKER_PREFIX) ? (JSON.parse(comment.slice(MARKER_PREFIX.length)) as BenchMarker) : null
  } finally {
    await sql.end()
  }
}

export async function writeMarker(sql: Sql, url: string, marker: BenchMarker): Promise<void> {
  const text = `${MARKER_PREFIX}${JSON.stringify(marker)}`
  await sql.unsafe(`comment on database "${databaseName(url)}" is '${text.replaceAll("'", "''")}'`)
}

/**
 * A new empty database at `url`. An existing one is dropped only when it is ours (it carries the
 * marker) or holds no organization: a URL typed by mistake never loses someone's data.
 */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url)
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Use a plain database name (letters, digits, _), not "${name}"`)
  const server = postgres(serverUrl(url), OPTIONS)
  try {
    const [exists] = await server`select 1 from pg_database where datname = ${name}`
    if (exists) {
      if (!(await readMarker(url)) && !(await isEmpty(url)))
        throw new Error(`Database ${name} holds data that npm run bench:data did not write; refusing to drop it.`)
      await server.unsafe(`drop database "${name}" with (force)`)
    }
    await server.unsafe(`create database "${name}"`)
  } finally {
    await server.end()
  }
}

async function isEmpty(url: string): Promise<boolean> {
  const sql = postgres(url, OPTIONS)
  try {
    const [table] = await sql`select to_regclass('public.organizations') as t`
    if (!table?.t) return true
    const [org] = await sql`select 1 from organizations limit 1`
    return !org
  } finally {
    await sql.end()
  }
}

/** One COPY … FROM STDIN of the rows, in PostgreSQL's text format. */
export async function copyInto(sql: Sql, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`).writable()
  await pipeline(Readable.from(chunks(rows)), writable)
}

function* chunks(rows: Iterable<unknown[]>): Generator<string> {
  let buffer = ''
  for (const row of rows) {
    buffer += `${row.map(copyValue).join('\t')}\n`
    if (buffer.length > 1 << 20) {
      yield buffer
      buffer = ''
    }
  }
  if (buffer) yield buffer
}

function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N'
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'boolean') return v ? 't' : 'f'
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v)
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)
}
