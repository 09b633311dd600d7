// `npm test`: typecheck, then every test (unit, service, HTTP, browser) in one vitest run.
// PostgreSQL and Chromium are used when present; when missing, what is skipped is said loudly,
// and under CI=true a missing one fails the run (nothing may be skipped in CI).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import postgres from 'postgres'

const CI = process.env.CI === 'true' || process.env.CI === '1'
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/test'
const skipped: string[] = []

function banner(lines: string[]): void {
  const bar = '!'.repeat(78)
  process.stdout.write(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n\n`)
}

async function reachable(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} })
  try {
    await sql`select 1`
    return null
  } catch (e) {
    return e instanceof Error ? e.message : String(e)
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {})
  }
}

const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test' }

const pgUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG
const pgError = await reachable(pgUrl)
if (pgError === null) {
  env.TEST_DATABASE_URL = pgUrl
  process.stdout.write(`PostgreSQL: service tests run on PGlite and on ${pgUrl.replace(/\/\/[^@]*@/, '//')}\n`)
} else {
  delete env.TEST_DATABASE_URL
  skipped.push(`PostgreSQL at ${pgUrl} is unreachable (${pgError}): service tests ran on PGlite only.`)
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (existsSync(chromium)) {
  env.CHROMIUM_PATH = chromium
  process.stdout.write(`Chromium: browser tests use ${chromium}\n`)
} else {
  env.SKIP_BROWSER_TESTS = '1'
  skipped.push(
    `Chromium not found at ${chromium} (apt-get install chromium): browser and accessibility tests were SKIPPED.`,
  )
}

if (skipped.length && CI) {
  banner(['CI=true and something the tests need is missing:', ...skipped])
  process.exit(1)
}

process.stdout.write('\nFormat and lint (biome check)…\n')
const lint = spawnSync('npx', ['biome', 'check', '.'], { stdio: 'inherit', env })
if (lint.status !== 0) {
  process.stdout.write('Format or lint failed: `npm run format` lays the code out; read the lint messages above.\n')
  process.exit(lint.status ?? 1)
}

process.stdout.write('\nTypecheck (tsc --noEmit)…\n')
const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit', env })
if (tsc.status !== 0) {
  process.stdout.write('Typecheck failed.\n')
  process.exit(tsc.status ?? 1)
}

mkdirSync('.test-data', { recursive: true })
const report = '.test-data/vitest.json'
const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]
const run = spawnSync('npx', args, { stdio: 'inherit', env })

let summary = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 }
try {
  summary = JSON.parse(readFileSync(report, 'utf8'))
} catch {
  // vitest died before writing its report; its own output above says why.
}
const skippedTests = summary.numPendingTests + summary.numTodoTests
if (skipped.length) banner(['SKIPPED — this run did not test everything:', ...skipped])
process.stdout.write(
  `\nTests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skippedTests} skipped\n`,
)
if (CI && skippedTests > 0) {
  process.stdout.write('CI=true: skipped tests fail the run.\n')
  process.exit(1)
}
process.exit(run.status ?? 1)
