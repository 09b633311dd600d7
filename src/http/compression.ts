import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env'

/**
 * Text worth compressing: pages, fragments, styles, scripts, icons, CSV exports, JSON. Not PDFs
 * (already deflated inside) nor images other than SVG.
 */
const COMPRESSIBLE = /^(text\/(html|css|javascript|csv|plain)|application\/(javascript|json)|image\/svg\+xml)\b/i
/** Below this, headers and framing outweigh the saving. */
export const MIN_COMPRESSED_BYTES = 1024
/** A body still coming after this much is a stream (a CSV export): compressed as it goes. */
const BUFFER_LIMIT = 64 * 1024

export type Encoding = 'br' | 'gzip'

/**
 * brotli when the browser takes it (every current one does, over https and on localhost), else
 * gzip, else none. A `q=0` refuses an encoding, and `*` stands for any not named.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null
  const q = new Map<string, number>()
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q.set(name.trim(), Number.isFinite(value) ? value : 0)
  }
  const accepts = (e: Encoding) => (q.get(e) ?? q.get('*') ?? 0) > 0
  if (accepts('br')) return 'br'
  if (accepts('gzip')) return 'gzip'
  return null
}

// Pages are compressed as they are answered, so the fast settings: brotli 4 is about as quick as
// gzip 6 and still smaller. Static files are compressed once, at their best (static-files.ts).
const brotliFast = promisify(zlib.brotliCompress)
const gzipFast = promisify(zlib.gzip)
const BROTLI_DYNAMIC = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }

function compressWhole(body: Buffer, encoding: Encoding): Promise<Buffer> {
  // Off the main thread (libuv's pool), so a page's compression does not hold up other requests.
  return encoding === 'br' ? brotliFast(body, BROTLI_DYNAMIC) : gzipFast(body, { level: 6 })
}

/** Compresses chunks as they come, flushing after each so the browser gets every batch at once. */
function compressStreaming(
  head: Uint8Array[],
  rest: ReadableStreamDefaultReader<Uint8Array>,
  encoding: Encoding,
): ReadableStream<Uint8Array> {
  const z = encoding === 'br' ? zlib.createBrotliCompress(BROTLI_DYNAMIC) : zlib.createGzip({ level: 6 })
  const flushKind = encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH
  const write = async (chunk: Uint8Array) => {
    if (!z.write(chunk)) await new Promise((ok) => z.once('drain', ok))
    await new Promise<void>((ok) => z.flush(flushKind, () => ok()))
  }
  const pump = async () => {
    for (const chunk of head) await write(chunk)
    for (;;) {
      const { done, value } = await rest.read()
      if (done) break
      await write(value)
    }
    z.end()
  }
  pump().catch((e: unknown) => z.destroy(e instanceof Error ? e : new Error(String(e))))
  // A browser that goes away cancels the web stream: stop the source too (its cancel ends a query).
  z.once('close', () => void rest.cancel().catch(() => {}))
  return Readable.toWeb(z) as ReadableStream<Uint8Array>
}

/**
 * gzip or brotli for text answers, by Accept-Encoding, with `Vary: Accept-Encoding`. Hono's own
 * compress() was not used: on Node 20 it has no brotli (it uses CompressionStream, which knows
 * gzip and deflate only), and it compresses even a 200-byte fragment. A body that ends within
 * 64 KiB is compressed whole off the main thread; a longer one (a streamed CSV export) is
 * compressed chunk by chunk, so it stays streamed. Answers already encoded (the precompressed
 * static files), HEAD, 204/206/304 and `Cache-Control: no-transform` are left alone.
 */
export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const res = c.res
    const type = res.headers.get('Content-Type') ?? ''
    if (!COMPRESSIBLE.test(type)) return
    appendVary(res.headers)
    // The encoding first: reading res.body turns @hono/node-server's light answer (a string, written
    // to the socket as it is) into a web stream read chunk by chunk, for every answer (issue 15's profile).
    const encoding = chooseEncoding(c.req.header('Accept-Encoding'))
    if (!encoding) return
    if (
      !res.body ||
      c.req.method === 'HEAD' ||
      [204, 206, 304].includes(res.status) ||
      res.headers.has('Content-Encoding') ||
      /\bno-transform\b/i.test(res.headers.get('Cache-Control') ?? '')
    )
      return
    const length = Number(res.headers.get('Content-Length') ?? Number.NaN)
    if (length < MIN_COMPRESSED_BYTES) return

    const reader = res.body.getReader()
    const head: Uint8Array[] = []
    let size = 0
    let ended = false
    while (size < BUFFER_LIMIT) {
      const { done, value } = await reader.read()
      if (done) {
        ended = true
        break
      }
      head.push(value)
      size += value.byteLength
    }
    // Hono's c.res setter copies the old answer's headers over the new one: fix them after.
    const answer = (body: BodyInit, encoded: Encoding | null) => {
      c.res = new Response(body, res)
      c.res.headers.delete('Content-Length')
      if (encoded) c.res.headers.set('Content-Encoding', encoded)
    }
    if (!ended) return answer(compressStreaming(head, reader, encoding), encoding)
    const whole = Buffer.concat(head)
    if (whole.byteLength < MIN_COMPRESSED_BYTES) return answer(new Uint8Array(whole), null)
    answer(new Uint8Array(await compressWhole(whole, encoding)), encoding)
  }
}

function appendVary(headers: Headers): void {
  const vary = headers.get('Vary')
  if (!vary) headers.set('Vary', 'Accept-Encoding')
  else if (vary !== '*' && !/\baccept-encoding\b/i.test(vary)) headers.set('Vary', `${vary}, Accept-Encoding`)
}
