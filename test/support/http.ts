import type { Hono } from 'hono'
import { createApp } from '../../src/app'
import type { Clock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import type { AppEnv } from '../../src/http/env'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import { testDeps } from './deps'

export function testApp(database: Database, clock: Clock, gateway = new SandboxGateway(database.db)): Hono<AppEnv> {
  return createApp({
    ...testDeps(database, clock, gateway),
    database,
    config: { trustProxy: false, env: 'test', regionAdminUrl: undefined },
  })
}

/** A browser stand-in for app.request(): keeps cookies, reads the CSRF field, follows nothing. */
export class Agent {
  private cookies = new Map<string, string>()
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(path, { method: 'GET', headers })
  }

  /** POSTs a form; the CSRF token is added unless `_csrf` is given (even as ''). */
  async post(
    path: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams()
    if (!('_csrf' in form)) body.append('_csrf', await this.csrfToken())
    for (const [k, v] of Object.entries(form)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one)
    return this.send(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    })
  }

  async signIn(email: string, password: string): Promise<Response> {
    const res = await this.post('/login', { email, password })
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`)
    return res
  }

  /** The same browser (its cookies, its session) talking to another app instance. */
  via(app: Hono<AppEnv>): Agent {
    const other = new Agent(app, this.headers)
    other.cookies = this.cookies
    return other
  }

  async csrfToken(): Promise<string> {
    if (!this.cookies.has('ss_csrf')) await this.get('/login')
    return this.cookies.get('ss_csrf')!
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name)
  }

  private async send(path: string, init: RequestInit & { headers: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await this.app.request(path, {
      ...init,
      headers: { ...this.headers, ...init.headers, ...(cookie ? { cookie } : {}) },
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';')
      const [name = '', value = ''] = pair.split('=')
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()))
      if (expired || value === '') this.cookies.delete(name.trim())
      else this.cookies.set(name.trim(), value)
    }
    return res
  }
}

/** The visible text of a page, tags stripped and entities decoded enough for assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

/** The visible text of each cell of each body row of the page's tables: what a user reads row by
 *  row. Asserting on rows, not on the page's text, keeps one column's words from standing in for
 *  another's (a product name and a status never sit side by side in the page's text). */
export function tableRows(html: string): string[][] {
  const bodies = html.match(/<tbody\b[^>]*>[\s\S]*?<\/tbody>/g) ?? []
  return bodies.flatMap((body) =>
    (body.match(/<tr\b[^>]*>[\s\S]*?<\/tr>/g) ?? []).map((row) =>
      [...row.matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((cell) => textOf(cell[2]!).trim()),
    ),
  )
}
