// `npm run bench`: issue 15's benchmark over HTTP (docs/benchmarks.md). Builds the app once, starts
// `node dist/main.js` as an operator would, signs in over HTTP and drives each page with autocannon
// beside a bare `select 1` route. With no flag it does everything (about 15 minutes); flags pick parts:
//   --scale N (repeatable)  PostgreSQL with the data of bench:data at scale N (generated when missing)
//   --processes 2           also two processes on one database, half the connections each
//   --pglite                the embedded database with the demo data, and its cold and warm start
//   --renewals N            the lifecycle job over N due subscriptions on PostgreSQL (default 10,000)
//   --quick                 a smoke run: 1 second per page and level (alone: scale 1, PGlite, 500 renewals)
//   --write                 put the results in docs/benchmarks.md
//   --working-tree          build the working tree as it is (default: the last commit, HEAD, in a temporary folder)
//   --in-process            only the earlier app.request() table (bench/in-process.ts)
import { execFileSync, execSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { PGlite } from '@electric-sql/pglite'
import postgres from 'postgres'
import { benchDatabaseUrl, readMarker } from './dataset/database'
import { generateBenchData } from './dataset/generate'
import { type AppProcess, startApp } from './http/app-process'
import { drivePages, type PageResult, type Timing } from './http/drive'
import type { Measure } from './http/load'
import { measureRenewals } from './http/renewals'
import { pagesTable, type Row, rowsTable } from './http/report'
import { findTargets, pagesOf } from './http/targets'

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', multiple: true },
    processes: { type: 'string' },
    pglite: { type: 'boolean', default: false },
    renewals: { type: 'string' },
    quick: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    'in-process': { type: 'boolean', default: false },
    'working-tree': { type: 'boolean', default: false },
  },
})
if (args['in-process']) {
  await import('./in-process')
  process.exit(0)
}

// Issue 15's targets, printed beside each figure.
const TARGET = { share: 25, p99Ms: 100, scale10Slower: 1.5, pgliteShare: 50, pgliteP99OverP50: 5 }
const TARGET_RENEWALS_PER_S = 200
const TARGET_COLD_S = 10
const TARGET_WARM_S = 2
const TARGET_RSS_MB = 250

const everything = !args.scale && !args.pglite && !args.renewals && !args.processes
const scales = (args.scale ?? (everything ? (args.quick ? ['1'] : ['1', '10']) : args.processes ? ['1'] : [])).map(
  Number,
)
const twoProcesses = args.processes === '2' || (everything && !args.quick)
const withPglite = args.pglite || everything
const renewalCount = Number(args.renewals ?? (everything ? (args.quick ? 500 : 10_000) : 0))
const timing: Timing = args.quick
  ? { warmupSeconds: 0.5, seconds: 1, levels: [1, 64] }
  : { warmupSeconds: 1, seconds: 5, levels: [1, 64] }
const log = (line: string) => process.stdout.write(`${line}\n`)
const started = performance.now()
const logDir = mkdtempSync(join(tmpdir(), 'selfserve-bench-'))
let port = 3900

// The commit measured: taken before the build, as others may commit while the run goes on.
const builtCommit = git(['rev-parse', '--short', 'HEAD'])
const appDir = checkout()

const sections: string[] = []
const other: Row[] = []
const byScale = new Map<number, PageResult[]>()

for (const scale of scales) {
  const url = benchDatabaseUrl(scale)
  const marker = await readMarker(url).catch(() => null)
  if (marker?.scale !== scale) {
    log(`No scale-${scale} data at ${url}: generating it (npm run bench:data -- --scale ${scale})`)
    await generateBenchData({ url, scale, seed: 15, now: startOfDay(new Date()), log })
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  const found = await findTargets((text, params) => sql.unsafe(text, params as never[]))
  await sql.end()
  for (const processes of scale === 1 && twoProcesses ? [1, 2] : [1]) {
    const title = `PostgreSQL, scale ${scale}, ${processes === 1 ? 'one process' : 'two processes'}`
    log(`${title}`)
    const apps: AppProcess[] = []
    for (let i = 0; i < processes; i++)
      apps.push(
        await startApp({
          port: port++,
          env: { DATABASE_URL: url },
          logFile: join(logDir, `pg-${scale}.log`),
          cwd: appDir,
        }),
      )
    try {
      const levels = processes === 1 ? timing.levels : [timing.levels.at(-1)!]
      const results = await drivePages(apps, pagesOf(found), { ...timing, levels }, log)
      if (processes === 1) byScale.set(scale, results)
      sections.push(pagesTable({ title, note: noteFor(scale, processes), results, checks: checksFor(scale) }, levels))
      for (const [i, a] of apps.entries()) other.push(rssRow(`${title}${processes > 1 ? ` (#${i + 1})` : ''}`, a))
    } finally {
      for (const a of apps) await a.stop()
    }
  }
}

if (withPglite) {
  log('Embedded PGlite, demo data')
  const dataDir = mkdtempSync(join(tmpdir(), 'selfserve-bench-pglite-'))
  try {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '' }
    const logFile = join(logDir, 'pglite.log')
    const cold = await startApp({ port: port++, env, logFile, cwd: appDir })
    await cold.stop()
    other.push(startRow('Cold start, embedded (new data folder, migrations, demo data)', cold, TARGET_COLD_S))
    const pg = await PGlite.create(dataDir)
    const found = await findTargets(async (text, params) => (await pg.query(text, params)).rows as never)
    await pg.close()
    const app = await startApp({ port: port++, env, logFile, cwd: appDir })
    other.push(startRow('Warm start, embedded', app, TARGET_WARM_S))
    try {
      const results = await drivePages([app], pagesOf(found), timing, log)
      const title = 'Embedded PGlite, demo data, one process'
      sections.push(pagesTable({ title, note: noteFor(0, 1), results, checks: pgliteChecks }, timing.levels))
      other.push(rssRow(title, app))
    } finally {
      await app.stop()
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}

if (renewalCount > 0) {
  log(`Lifecycle job over ${renewalCount} due subscriptions (PostgreSQL)`)
  const r = await measureRenewals(benchDatabaseUrl(1), renewalCount)
  other.push({
    what: `Lifecycle job, PostgreSQL: ${r.renewed.toLocaleString('en')} of ${r.due.toLocaleString('en')} due renewed`,
    value: `${r.perSecond.toFixed(0)} renewals/s (${r.seconds.toFixed(1)} s)`,
    target: `≥ ${TARGET_RENEWALS_PER_S} renewals/s`,
    ok: r.renewed === r.due && r.perSecond >= TARGET_RENEWALS_PER_S,
  })
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1)
if (other.length) sections.push(rowsTable('Job, start-up and memory', other))
const report = `${await header(minutes)}\n\n${sections.join('\n\n')}\n`
log(`\n${report}`)
log(`The whole run took ${minutes} minutes. App logs: ${logDir}`)
if (!args['working-tree']) rmSync(appDir, { recursive: true, force: true })
if (args.write) writeResults(report)

function noteFor(scale: number, processes: number): string {
  const data = scale === 0 ? 'demo data' : `bench:data scale ${scale}`
  const split = processes > 1 ? `, ${processes} processes on one database, the connections split evenly` : ''
  const who = 'signed in as Léa (admin pages: the Fabrikam admin)'
  const how = `${timing.seconds} s per page and level after ${timing.warmupSeconds} s of warm-up`
  return `${data}${split}; ${who}; ${how}; p50/p95/p99 over every response.`
}

function checksFor(scale: number) {
  return (r: PageResult, bare: Measure | undefined) => {
    const top = r.measures.at(-1)!
    if (scale !== 1) {
      const base = byScale
        .get(1)
        ?.find((b) => b.page.name === r.page.name || sameKind(b, r))
        ?.measures.at(-1)
      if (!base) return { ok: true, text: '' }
      const slower = base.rps / top.rps
      return {
        ok: slower <= TARGET.scale10Slower,
        text: `${slower.toFixed(2)}× slower than scale 1 (≤ ${TARGET.scale10Slower}×)`,
      }
    }
    const share = bare ? (100 * top.rps) / bare.rps : 100
    return {
      ok: share >= TARGET.share && top.p99 <= TARGET.p99Ms,
      text: `≥ ${TARGET.share} % of bare, p99 ≤ ${TARGET.p99Ms} ms`,
    }
  }
}
function pgliteChecks(r: PageResult) {
  const top = r.measures.at(-1)!
  const spread = { ok: top.p99 <= TARGET.pgliteP99OverP50 * top.p50, text: `p99 ≤ ${TARGET.pgliteP99OverP50} × p50` }
  if (r.page.name !== 'Your products') return spread
  const pg = byScale
    .get(1)
    ?.find((b) => b.page.name === 'Your products')
    ?.measures.at(-1)
  if (!pg) return spread
  const share = (100 * top.rps) / pg.rps
  return {
    ok: spread.ok && share >= TARGET.pgliteShare,
    text: `${spread.text}; ${share.toFixed(0)} % of PostgreSQL's (≥ ${TARGET.pgliteShare} %)`,
  }
}
/** Pages whose names carry the data's size (the licences) still compare across scales by their path's shape. */
function sameKind(a: PageResult, b: PageResult): boolean {
  return a.page.path.replace(/[0-9a-f-]{36}|page=\d+/g, '') === b.page.path.replace(/[0-9a-f-]{36}|page=\d+/g, '')
}

function rssRow(what: string, app: AppProcess): Row {
  const ok = app.peakRssMb <= TARGET_RSS_MB
  return {
    what: `Peak RSS under load: ${what}`,
    value: `${app.peakRssMb.toFixed(0)} MB`,
    target: `≤ ${TARGET_RSS_MB} MB`,
    ok,
  }
}
function startRow(what: string, app: AppProcess, targetS: number): Row {
  const s = app.readyMs / 1000
  return {
    what: `${what}: until /readyz is 200`,
    value: `${s.toFixed(2)} s`,
    target: `≤ ${targetS} s`,
    ok: s <= targetS,
  }
}

async function header(minutes: string): Promise<string> {
  const commit = builtCommit
  const dirty =
    args['working-tree'] && git(['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''
  const sql = postgres(benchDatabaseUrl(1).replace(/\/[^/]*$/, '/postgres'), { max: 1, onnotice: () => {} })
  const pgVersion = await sql`show server_version`.then(
    (r) => String(r[0]?.server_version),
    () => 'unknown',
  )
  await sql.end()
  const cpu = cpus()
  const command = `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`
  return [
    `Measured on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC at commit ${commit}${dirty}, ` +
      `with \`${command}\` (${minutes} minutes).`,
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ` +
      `PostgreSQL ${pgVersion}; autocannon runs on the same machine, on 127.0.0.1.`,
  ].join('\n')
}

/**
 * The code to measure, built once with `npm run build`: the last commit, exported into a temporary folder
 * (other work in progress in this working tree stays out of the figures), or with --working-tree this one.
 */
function checkout(): string {
  const dir = args['working-tree'] ? process.cwd() : mkdtempSync(join(tmpdir(), 'selfserve-bench-app-'))
  if (!args['working-tree']) {
    log(`Exporting ${builtCommit} into ${dir}`)
    execSync(`git archive ${builtCommit} | tar -x -C ${JSON.stringify(dir)}`)
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'))
  }
  log('Building (npm run build)…')
  if (spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: dir }).status !== 0) process.exit(1)
  return dir
}

function git(a: string[]): string {
  try {
    return execFileSync('git', a, { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

function writeResults(report: string): void {
  const START = '<!-- bench:results:start -->'
  const END = '<!-- bench:results:end -->'
  const path = 'docs/benchmarks.md'
  const doc = readFileSync(path, 'utf8')
  const from = doc.indexOf(START)
  const to = doc.indexOf(END)
  if (from < 0 || to < from) throw new Error(`${path} has no ${START} … ${END} block`)
  writeFileSync(path, `${doc.slice(0, from + START.length)}\n${report}${doc.slice(to)}`)
  log(`Wrote the results into ${path}.`)
}

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}
