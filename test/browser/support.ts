import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createApp } from '../../src/app'
import { fixedClock } from '../../src/clock'
import { openDatabase } from '../../src/db/client'
import { loadDemoData } from '../../src/db/seed/demo'
import { TEST_SCRYPT } from '../builders/index'
import { testDeps } from '../support/deps'

export const BROWSER_TESTS = !process.env.SKIP_BROWSER_TESTS
export const DEMO_PASSWORD = 'selfserve-demo'
export const NOW = '2026-11-25T10:00:00Z'

/** The real app on a real port, on a fresh embedded database with the demo data. */
export async function startServer(): Promise<{ url: string; close(): Promise<void> }> {
  const database = await openDatabase({ dataDir: 'memory://' })
  await database.migrate()
  const clock = fixedClock(NOW)
  await loadDemoData(database.db, { clock, password: DEMO_PASSWORD, scrypt: TEST_SCRYPT })
  const app = createApp({
    ...testDeps(database, clock),
    database,
    config: { trustProxy: false, env: 'test', regionAdminUrl: undefined },
  })
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise<void>((ok) => server.once('listening', () => ok()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((ok) => server.close(() => void database.close().then(ok))),
  }
}

/** Debian's Chromium, headless, never a downloaded browser; no background traffic off this machine. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  })
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's WCAG 2.x A/AA rules (and best practices) on the current page: the violations. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(o: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> }
      }
    ).axe
    return axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    })
  })
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

export async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${base}/billing/products`)
}

export type BrowserSession = {
  server: Awaited<ReturnType<typeof startServer>>
  context: BrowserContext
  page: Page
  /** Console errors, uncaught exceptions and stray requests seen since the last test ended. */
  problems: string[]
}

/**
 * Watches a page for what a user never sees but should never happen: a console error (a script
 * failing, a style or script the CSP refused), an uncaught exception, and a page of ours fetched
 * by something other than a navigation or htmx (a broken icon link makes Chromium fetch every
 * page twice).
 */
const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d /

export function watchPage(page: Page, problems: string[]): void {
  page.on('console', (m) => {
    // Chromium also logs every 4xx answer as an error: a refused form answers 422 by design (rule 6),
    // and the tests assert those statuses themselves. A 5xx, a script error or a CSP refusal counts.
    if (m.type() === 'error' && !EXPECTED_REFUSAL.test(m.text())) problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`))
  page.on('request', (r) => {
    const url = new URL(r.url())
    const ours = !url.pathname.startsWith('/public/')
    if (ours && !['document', 'fetch', 'xhr'].includes(r.resourceType()))
      problems.push(`${r.resourceType()} request for ${url.pathname}`)
  })
}

/**
 * Inside a describe: a server on a fresh demo database and a browser page for its tests (JS on or
 * off), signed in when `signInAs` is given, all closed after. Each describe gets its own server so
 * one run's changes (a language switch, a purchase) never leak into another's.
 */
export function useBrowserSession(
  browser: () => Browser,
  o: { javaScriptEnabled?: boolean; signInAs?: string } = {},
): BrowserSession {
  const session = { problems: [] as string[] } as BrowserSession
  beforeAll(async () => {
    session.server = await startServer()
    session.context = await browser().newContext({ javaScriptEnabled: o.javaScriptEnabled ?? true, locale: 'en-GB' })
    session.page = await session.context.newPage()
    watchPage(session.page, session.problems)
    session.page.setDefaultTimeout(10_000)
    if (o.signInAs) await signIn(session.page, session.server.url, o.signInAs)
  })
  afterEach(() => {
    const seen = session.problems.splice(0)
    expect(seen, 'console errors, uncaught exceptions or stray requests').toEqual([])
  })
  afterAll(async () => {
    await session.context?.close()
    await session.server?.close()
  })
  return session
}

/** Inside a describe: one Chromium for all its tests, closed after; call the result to get it. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())
  return () => browser!
}

/** The two ways every journey runs (rule 1): with JavaScript on, then off. */
export const JS_MODES = [
  ['on', true],
  ['off', false],
] as const
