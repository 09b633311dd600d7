import { describe, expect, it } from 'vitest'
import { PdfCache } from '../../views/pages/invoices/invoice-pdf-cache'

// The cache of rendered PDFs (issue 15): bounded by bytes, least recently used first out, one render for
// concurrent misses, nothing kept that is larger than the bound.

const KEY = 'k'.repeat(43) // a SHA-256 in base64url, as cachedInvoicePdf makes them
const ETAG = 45 // a quoted SHA-256 in base64url
const PDF = 1000
const ENTRY = PDF + KEY.length + ETAG

/** A renderer that counts its calls and makes `size` bytes, all equal to the call's number. */
function renderer(size = PDF) {
  const calls = { n: 0 }
  const render = async () => new Uint8Array(size).fill(++calls.n)
  return { calls, render }
}
const key = (name: string) => name.padEnd(KEY.length, '.')

describe('the PDF cache', () => {
  it('renders a key once and answers its bytes and ETag from memory after that', async () => {
    const cache = new PdfCache(10 * ENTRY)
    const { calls, render } = renderer()
    const first = await cache.get(key('a'), render)
    const again = await cache.get(key('a'), render)
    expect(calls.n).toBe(1)
    expect(again).toBe(first)
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect(cache.stats()).toEqual({ renders: 1, hits: 1, entries: 1, bytes: ENTRY })
  })

  it('stays within its byte bound, dropping the least recently used first', async () => {
    const cache = new PdfCache(3 * ENTRY)
    const { calls, render } = renderer()
    for (const name of ['a', 'b', 'c']) await cache.get(key(name), render)
    await cache.get(key('a'), render) // a is now the most recent, b the least
    await cache.get(key('d'), render)
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 3 * ENTRY })
    expect(calls.n).toBe(4)
    await cache.get(key('a'), render)
    await cache.get(key('c'), render)
    await cache.get(key('d'), render)
    expect(calls.n).toBe(4)
    await cache.get(key('b'), render) // gone: rendered again
    expect(calls.n).toBe(5)
    for (let i = 0; i < 50; i++) {
      await cache.get(key(`n${i}`), renderer(PDF + i * 37).render)
      expect(cache.stats().bytes).toBeLessThanOrEqual(3 * ENTRY)
    }
  })

  it('keeps nothing larger than its bound, and still answers it', async () => {
    const cache = new PdfCache(ENTRY - 1)
    const { calls, render } = renderer()
    expect((await cache.get(key('big'), render)).bytes.byteLength).toBe(PDF)
    await cache.get(key('big'), render)
    expect(calls.n).toBe(2)
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0 })
  })

  it('renders once for downloads that ask at the same time, and again after a render that failed', async () => {
    const cache = new PdfCache(10 * ENTRY)
    const { calls, render } = renderer()
    const all = await Promise.all(Array.from({ length: 8 }, () => cache.get(key('a'), render)))
    expect(calls.n).toBe(1)
    expect(new Set(all).size).toBe(1)
    await expect(cache.get(key('x'), () => Promise.reject(new Error('broken font')))).rejects.toThrow('broken font')
    expect((await cache.get(key('x'), render)).bytes[0]).toBe(2)
  })
})
