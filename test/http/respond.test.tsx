import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppDeps, AppEnv } from '../../src/http/env'
import { done, invalid, pageOrPart, showForm } from '../../src/http/respond'
import { h } from '../../views/html'

// The two answers of STYLE §4, on a bare app: no database, no session, only the respond module.
const app = new Hono<AppEnv>()
// Only the setting the flash cookie reads (is this https?); nothing else is needed here.
const deps = { config: { trustProxy: false } } as unknown as AppDeps
app.use(async (c, next) => {
  c.set('deps', deps)
  await next()
})
const form = { pane: (p: { n: number }) => <div id="pane">pane {p.n}</div>, page: (p: { n: number }) => `page ${p.n}` }
app.post('/things', (c) =>
  done(c, {
    redirect: '/things/1?done=saved',
    flash: 'Saved.',
    partial: () => ({ fragment: <div id="pane"></div>, status: 'Saved <1>.' }),
  }),
)
app.get('/form', (c) => showForm(c, form, { n: 1 }))
app.post('/form', (c) => invalid(c, form, { n: 2 }))
app.get('/list', (c) =>
  pageOrPart(
    c,
    () => 'whole page',
    () => ({ fragment: <p>rows</p>, status: '3 rows' }),
  ),
)

const PARTIAL = { 'hx-request': 'true', 'hx-request-type': 'partial' }

describe('respond', () => {
  it('redirects a plain request with 303 See Other and carries the message in the flash cookie', async () => {
    const res = await app.request('/things', { method: 'POST' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/things/1?done=saved')
    expect(res.headers.get('set-cookie')).toContain('ss_flash=')
  })

  it('answers an htmx partial request with the fragment and an escaped status for the live region', async () => {
    const res = await app.request('/things', { method: 'POST', headers: PARTIAL })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(await res.text()).toBe(
      '<div id="pane"></div><hx-partial hx-target="#status" hx-swap="innerHTML">Saved &lt;1&gt;.</hx-partial>',
    )
  })

  it('redirects a boosted (full) htmx request like a plain one', async () => {
    const res = await app.request('/things', {
      method: 'POST',
      headers: { 'hx-request': 'true', 'hx-request-type': 'full' },
    })
    expect(res.status).toBe(303)
  })

  it('shows a form as a pane to htmx and as a page without it, with a 422 when it is invalid', async () => {
    expect(await (await app.request('/form')).text()).toBe('page 1')
    expect(await (await app.request('/form', { headers: PARTIAL })).text()).toBe('<div id="pane">pane 1</div>')
    const plain = await app.request('/form', { method: 'POST' })
    expect([plain.status, await plain.text()]).toEqual([422, 'page 2'])
    const pane = await app.request('/form', { method: 'POST', headers: PARTIAL })
    expect([pane.status, await pane.text()]).toEqual([422, '<div id="pane">pane 2</div>'])
  })

  it('gives a GET its whole page, or to htmx only the part with its status', async () => {
    expect(await (await app.request('/list')).text()).toBe('whole page')
    expect(await (await app.request('/list', { headers: PARTIAL })).text()).toBe(
      '<p>rows</p><hx-partial hx-target="#status" hx-swap="innerHTML">3 rows</hx-partial>',
    )
  })
})
