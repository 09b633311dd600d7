import { brotliDecompressSync, createBrotliDecompress, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { chooseEncoding, compression } from '../../src/http/compression'
import type { AppEnv } from '../../src/http/env'
import { assetUrl } from '../../src/http/static-files'
import { freshDatabase } from '../support/databases'
import { testApp } from '../support/http'

let database: Database
let app: ReturnType<typeof testApp>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
})
afterAll(() => database.close())

const get = (path: string, acceptEncoding?: string, more: Record<string, string> = {}) =>
  app.request(path, { headers: { ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}), ...more } })
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer())

describe('compressed pages', () => {
  it('sends a page in brotli when the browser takes it, else gzip, else plain; Vary: Accept-Encoding', async () => {
    const plain = await get('/login')
    expect(plain.headers.get('content-encoding')).toBeNull()
    const html = await plain.text()
    expect(html).toContain('<h1')

    const br = await get('/login', 'gzip, deflate, br, zstd')
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/)
    expect(br.headers.get('vary')).toMatch(/Accept-Language/) // the language's Vary is kept
    const brBody = await bytes(br)
    expect(brBody.byteLength).toBeLessThan(html.length / 2)
    // The CSRF token differs per visitor: compare what is the same.
    expect(brotliDecompressSync(brBody).toString()).toContain('<h1')

    const gz = await get('/login', 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(await bytes(gz)).toString()).toContain('</html>')

    const refused = await get('/login', 'br;q=0, gzip;q=0')
    expect(refused.headers.get('content-encoding')).toBeNull()
  })

  it('leaves a tiny answer alone', async () => {
    const res = await get('/healthz', 'br')
    expect(res.headers.get('content-encoding')).toBeNull()
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('picks the encoding from Accept-Encoding by its weights', () => {
    expect(chooseEncoding('gzip, br')).toBe('br')
    expect(chooseEncoding('gzip;q=1, br;q=0')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('identity')).toBeNull()
    expect(chooseEncoding(undefined)).toBeNull()
  })
})

describe('a streamed body', () => {
  it('stays streamed: the first batch arrives compressed before the last one is made', async () => {
    let release: () => void = () => {}
    const later = new Promise<void>((ok) => (release = ok))
    const line = `${'a,b,c,'.repeat(2_000)}\n`
    const mini = new Hono<AppEnv>()
    mini.use('*', compression())
    mini.get('/export.csv', (c) => {
      let batch = 0
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          batch++
          if (batch === 12) await later // the last batch waits for the reader to have seen the first
          if (batch > 12) controller.close()
          else controller.enqueue(new TextEncoder().encode(line))
        },
      })
      return c.body(body, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
    })
    const res = await mini.request('/export.csv', { headers: { 'accept-encoding': 'br' } })
    expect(res.headers.get('content-encoding')).toBe('br')
    const inflate = createBrotliDecompress()
    let text = ''
    inflate.on('data', (d: Buffer) => (text += d))
    const reader = res.body!.getReader()
    // Before the source is let go, compressed bytes for the first batches are already readable.
    while (!text.includes('\n')) {
      const { value } = await reader.read()
      inflate.write(value)
      await new Promise((ok) => setImmediate(ok))
    }
    release()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      inflate.write(value)
    }
    await new Promise((ok) => inflate.end(ok))
    // Twelve batches, whole and in order (compared without printing 140 KB when it fails).
    expect(text.length).toBe(line.length * 12)
    expect(text.replaceAll(line, '')).toBe('')
  })
})

describe('static files', () => {
  it('links the pages to content-hashed names that are cached for a year', async () => {
    const html = await (await get('/login')).text()
    for (const file of ['css/app.css', 'js/app.js', 'vendor/htmx.min.js', 'favicon.svg']) {
      expect(assetUrl(file)).toMatch(/^\/public\/.+\.[0-9a-f]{10}\.(css|js|svg)$/)
      expect(html).toContain(`"${assetUrl(file)}"`)
    }
    expect(html).not.toContain('"/public/css/app.css"')
    const css = await get(assetUrl('css/app.css'), 'br, gzip')
    expect(css.status).toBe(200)
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('content-encoding')).toBe('br')
    expect(css.headers.get('vary')).toBe('Accept-Encoding')
    expect(brotliDecompressSync(await bytes(css)).toString()).toContain('.site-header')

    const js = await get(assetUrl('vendor/htmx.min.js'), 'gzip')
    expect(js.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(await bytes(js)).toString()).toContain('4.0.1')
  })

  it('still answers the plain name, checked again on each use', async () => {
    const res = await get('/public/css/app.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(await res.text()).toContain('.site-header')
    const again = await get('/public/css/app.css', undefined, { 'if-none-match': res.headers.get('etag')! })
    expect(again.status).toBe(304)
  })

  it('answers a name from another release with the current file, not kept for long', async () => {
    const res = await get('/public/css/app.0123456789.css')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-cache')
  })

  it('answers 404 for a file that is not there', async () => {
    expect((await get('/public/css/nothing.css')).status).toBe(404)
    expect((await get('/public/../package.json')).status).toBe(404)
  })
})
