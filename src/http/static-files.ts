import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, extname, join, relative, sep } from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { chooseEncoding, MIN_COMPRESSED_BYTES, type Encoding } from './compression'
import type { AppEnv } from './env'

/** What a hashed name may be kept for: its bytes can never change under it. */
const IMMUTABLE = 'public, max-age=31536000, immutable'
/**
 * The plain name (`/public/css/app.css`, from a bookmark or an old page in a cache) keeps working,
 * but is checked again on every use (ETag, 304), so it never serves last release's file for long.
 */
const REVALIDATE = 'no-cache'

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}
const COMPRESSIBLE_EXT = new Set(['.css', '.js', '.svg', '.txt'])

type StaticFile = {
  /** Path under public/, with '/' (`css/app.css`). */
  path: string
  hashedPath: string
  hash: string
  type: string
  bytes: Buffer
  /** brotli and gzip at their best settings, made once (at start-up, or on first use) and kept. */
  encoded: Promise<Partial<Record<Encoding, Buffer>>> | null
}

/** public/ ships with the code, found like drizzle/: the nearest folder above with a package.json. */
function publicFolder(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'public')
    if (dirname(dir) === dir) throw new Error(`No package.json above ${import.meta.dirname}`)
  }
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)],
  )
}

/** `css/app.css` + `3f2a9c1b7e` → `css/app.3f2a9c1b7e.css`. */
function hashedName(path: string, hash: string): string {
  const ext = extname(path)
  return `${path.slice(0, path.length - ext.length)}.${hash}${ext}`
}

type Manifest = { byPath: Map<string, StaticFile>; byHashedPath: Map<string, StaticFile> }
let manifest: Manifest | null = null

/**
 * Reads every file of public/ once per process and names it by the SHA-256 of its bytes. Cheap
 * (about 60 KB): done on the first page or file asked for, so the hashes follow the files that
 * ship with this code, in `tsx` and in dist/ alike.
 */
function loadManifest(): Manifest {
  if (manifest) return manifest
  const root = publicFolder()
  const byPath = new Map<string, StaticFile>()
  const byHashedPath = new Map<string, StaticFile>()
  for (const full of listFiles(root)) {
    const path = relative(root, full).split(sep).join('/')
    const bytes = readFileSync(full)
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10)
    const type = TYPES[extname(path)] ?? 'application/octet-stream'
    const file: StaticFile = { path, hashedPath: hashedName(path, hash), hash, type, bytes, encoded: null }
    byPath.set(path, file)
    byHashedPath.set(file.hashedPath, file)
  }
  manifest = { byPath, byHashedPath }
  return manifest
}

/** The URL a page links to: `/public/css/app.<hash>.css`, cached for a year by browsers. */
export function assetUrl(path: string): string {
  const file = loadManifest().byPath.get(path)
  if (!file) throw new Error(`No file public/${path}`)
  return `/public/${file.hashedPath}`
}

const brotliCompress = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)
const BROTLI_BEST = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY } }

/** A file's compressed forms, made once (in libuv's pool, off the main thread); requests that come
 *  while they are being made wait for the same work. If compressing fails, the file goes out as it is and
 *  the next request tries again. */
function encodings(file: StaticFile): Promise<Partial<Record<Encoding, Buffer>>> {
  file.encoded ??= (async () => {
    if (!COMPRESSIBLE_EXT.has(extname(file.path)) || file.bytes.byteLength < MIN_COMPRESSED_BYTES) return {}
    const [br, gz] = await Promise.all([brotliCompress(file.bytes, BROTLI_BEST), gzip(file.bytes, { level: 9 })])
    return { br, gzip: gz }
  })().catch(() => {
    file.encoded = null
    return {}
  })
  return file.encoded
}

/**
 * Starts compressing every file now, at start-up, instead of on the first request for each (brotli at
 * its best takes about 200 ms of CPU for htmx, our CSS and script together). Off the main thread, so
 * start-up does not wait for it (issue 15's warm start).
 */
export async function prepareStaticFiles(): Promise<void> {
  await Promise.all([...loadManifest().byPath.values()].map(encodings))
}

/** `css/app.3f2a9c1b7e.css` whose hash is not the current one (a page from the last release). */
const STALE_HASH = /^(.*)\.[0-9a-f]{10}(\.[a-z0-9]+)$/

/**
 * GET and HEAD of /public/*: a hashed name is immutable; the plain name, or a hashed name from
 * another release (one instance of a rolling deploy asking another), gets the current file with
 * `no-cache`. Each comes precompressed (brotli, else gzip) when the browser takes it. Anything
 * else under /public is a 404.
 */
export function staticFiles(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const name = c.req.path.slice('/public/'.length)
    const { byPath, byHashedPath } = loadManifest()
    const hashed = byHashedPath.get(name)
    const stale = STALE_HASH.exec(name)
    const file = hashed ?? byPath.get(name) ?? (stale ? byPath.get(`${stale[1]}${stale[2]}`) : undefined)
    if (!file) return next()

    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    const encoded = encoding ? (await encodings(file))[encoding] : undefined
    const etag = `"${file.hash}${encoded ? `-${encoding}` : ''}"`
    c.header('Cache-Control', hashed ? IMMUTABLE : REVALIDATE)
    c.header('ETag', etag)
    if (COMPRESSIBLE_EXT.has(extname(file.path))) c.header('Vary', 'Accept-Encoding')
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304)
    c.header('Content-Type', file.type)
    if (encoded && encoding) c.header('Content-Encoding', encoding)
    const body = encoded ?? file.bytes
    c.header('Content-Length', String(body.byteLength))
    if (c.req.method === 'HEAD') return c.body(null, 200)
    return c.body(new Uint8Array(body), 200)
  }
}
