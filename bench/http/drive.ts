import { type AppProcess, signIn } from './app-process'
import { load, type Measure } from './load'
import { LEA, ADMIN, PASSWORD, type Page, requestOf } from './targets'

export type Timing = { warmupSeconds: number; seconds: number; levels: number[] }

export type PageResult = { page: Page; measures: Measure[] }

/**
 * Signs in as Léa and as the admin, checks each page answers 200 on every process, then loads each page
 * at each level (after a warm-up), sampling every process's RSS meanwhile.
 */
export async function drivePages(
  apps: AppProcess[],
  pages: Page[],
  timing: Timing,
  log: (line: string) => void,
): Promise<PageResult[]> {
  const cookies = { lea: await signIn(apps[0]!.url, LEA, PASSWORD), admin: await signIn(apps[0]!.url, ADMIN, PASSWORD) }
  for (const app of apps)
    for (const page of pages) {
      const r = requestOf(page, cookies)
      const res = await fetch(`${app.url}${r.path}`, { headers: r.headers, redirect: 'manual' })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`GET ${r.path} answered ${res.status} before the load (signed in?)`)
    }
  const sampler = setInterval(() => {
    for (const app of apps) app.sampleRss()
  }, 250)
  const urls = apps.map((a) => a.url)
  const results: PageResult[] = []
  try {
    for (const page of pages) {
      const request = requestOf(page, cookies)
      await load(urls, request, Math.min(8, Math.max(...timing.levels)), timing.warmupSeconds)
      const measures: Measure[] = []
      for (const connections of timing.levels) measures.push(await load(urls, request, connections, timing.seconds))
      log(`    ${page.name.padEnd(48)} ${measures.map((m) => `${m.rps.toFixed(0).padStart(6)} req/s`).join(' ')}`)
      results.push({ page, measures })
    }
  } finally {
    clearInterval(sampler)
  }
  return results
}
