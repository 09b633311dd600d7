import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { csvResponse } from '../../src/http/csv-response'
import type { AppEnv } from '../../src/http/env'

describe('CSV exports', () => {
  it('make two batches at a time, while a download nobody reads holds no turn', async () => {
    let running = 0
    let most = 0
    async function* lines(batches: number) {
      for (let i = 0; i < batches; i++) {
        most = Math.max(most, ++running)
        await new Promise((ok) => setTimeout(ok, 5))
        running--
        yield `${i}\n`
      }
    }
    const app = new Hono<AppEnv>()
    app.get('/x.csv', (c) => csvResponse(c, lines(Number(c.req.query('n'))), 'x.csv'))
    // Two downloads that are never read: their first batch is made, then they wait for the browser.
    await app.request('/x.csv?n=50')
    await app.request('/x.csv?n=50')
    const texts = await Promise.all(Array.from({ length: 6 }, async () => (await app.request('/x.csv?n=4')).text()))
    expect(texts).toEqual(Array(6).fill('0\n1\n2\n3\n'))
    expect(most).toBe(2)
  })
})
