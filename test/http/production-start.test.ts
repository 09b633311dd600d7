import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../scripts/build'

// What production runs: the bundle from `npm run build`, started with plain node (no tsx), as a
// supervisor would. Built inside the project like dist/ (its packages come from node_modules, its
// migrations from drizzle/), but three levels down: a path fixed relative to the file (the old
// '../../drizzle', right from src/db/) would miss drizzle/ from there, as it did from dist/.
const outdir = resolve(`.test-data/builds/${randomBytes(4).toString('hex')}`)
const folders: string[] = []

beforeAll(async () => {
  await buildApp(outdir)
})
afterAll(async () => {
  for (const folder of [outdir, ...folders]) await rm(folder, { recursive: true, force: true })
})

/** An empty folder for an embedded database (or a working directory), removed after the file. */
async function aFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'selfserve-start-'))
  folders.push(folder)
  return folder
}

function envFor(dataDir: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  // DATABASE_URL empty: the embedded database, whatever the shell running the tests has set.
  return { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', DEMO_DATA: '0', NODE_ENV: 'production', ...more }
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as { port: number }
  await new Promise((done) => server.close(done))
  return port
}

/** Runs a CLI from dist/ to its end: exit code and output. */
function run(file: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [join(outdir, file)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d))
  child.stderr.on('data', (d: Buffer) => (out += d))
  return new Promise((done) => child.on('exit', (code) => done({ code, out })))
}

describe('node dist/main.js', () => {
  it('serves pages and, on SIGTERM, closes the server, the job and the database and exits 0', async () => {
    const dataDir = await aFolder()
    const port = await freePort()
    const settings = { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS_INTERVAL_SECONDS: '1' }
    const env = envFor(dataDir, settings)
    const child = spawn(process.execPath, [join(outdir, 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stderr.on('data', (d: Buffer) => (out += d))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    )
    const url = await new Promise<string>((found, failed) => {
      const timer = setTimeout(() => failed(new Error(`no URL printed in 20 s:\n${out}`)), 20_000)
      child.stdout.on('data', (d: Buffer) => {
        out += d
        const match = /running at (http:\/\/\S+)/.exec(out)
        if (match) {
          clearTimeout(timer)
          found(match[1]!)
        }
      })
      void exited.then(({ code }) => failed(new Error(`exited with ${code} before serving:\n${out}`)))
    })
    expect(url).toBe(`http://127.0.0.1:${port}`)

    const login = await fetch(`${url}/login`)
    expect(login.status).toBe(200)
    expect(await login.text()).toContain('<h1')
    expect((await fetch(`${url}/public/css/app.css`)).status).toBe(200)
    // Every answer keeps its security headers, also when Hono copies it (a HEAD answers with the GET's) and
    // when compression makes it again: through the real server, whose light answers app.request() lacks.
    for (const method of ['GET', 'HEAD'])
      for (const path of ['/login', '/healthz'])
        for (const encoding of ['identity', 'gzip', 'br']) {
          const res = await fetch(`${url}${path}`, { method, headers: { 'accept-encoding': encoding } })
          const what = `${method} ${path} ${encoding}`
          expect(res.headers.get('content-security-policy'), what).toContain("default-src 'self'")
          expect(res.headers.get('x-frame-options'), what).toBe('DENY')
          expect(res.headers.get('cache-control'), what).toBe('no-store')
          expect(res.headers.get('x-request-id'), what).toMatch(/^[0-9a-f-]{36}$/)
        }
    expect((await fetch(`${url}/readyz`)).status).toBe(200)
    // Let the lifecycle job's first run (one second after start) begin, so the stop awaits it.
    await new Promise((r) => setTimeout(r, 1_100))
    expect(existsSync(join(dataDir, 'selfserve.lock'))).toBe(true)

    const started = performance.now()
    child.kill('SIGTERM')
    expect(await exited).toEqual({ code: 0, signal: null })
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(existsSync(join(dataDir, 'selfserve.lock'))).toBe(false) // the database was closed
    expect(out).not.toMatch(/"level":"error"/)
  })
})

describe('an error nobody caught', () => {
  // Preloaded before main.js, these wait until main.js has set its handlers up, then fail.
  const once = (fail: string) =>
    `setTimeout(function f() { if (!process.listenerCount('unhandledRejection')) return setTimeout(f, 5); ${fail} })`
  it.each([
    ['an exception thrown from a timer', once('throw new Error("secret@example.test")')],
    ['a rejection nobody awaited', once('Promise.reject(new Error("secret@example.test"))')],
  ])('%s is logged without its message, and the server exits 70 for its supervisor', async (_, code) => {
    const dataDir = await aFolder()
    const env = envFor(dataDir, { PORT: String(await freePort()), LOG_LEVEL: 'silent' })
    const args = ['--import', `data:text/javascript,${encodeURIComponent(code)}`, join(outdir, 'main.js')]
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d))
    const exitCode = await new Promise<number | null>((done) => child.on('exit', done))
    expect(exitCode).toBe(70)
    const line = JSON.parse(stderr.split('\n')[0]!) as { level: string; msg: string; error: string }
    expect(line.level).toBe('error')
    expect(line.msg).toMatch(/^(uncaught exception|unhandled rejection), exiting$/)
    expect(line.error).toMatch(/^Error\n\s+at /)
    expect(stderr).not.toContain('secret@example.test')
  })
})

describe('the built CLIs', () => {
  it('migrate and run the job from any working directory (drizzle/ is found from the bundle)', async () => {
    const dataDir = await aFolder()
    const elsewhere = await aFolder()
    const migrated = await run('migrate-cli.js', elsewhere, envFor(dataDir))
    expect(migrated.out).toContain('Migrated the embedded database')
    expect(migrated.code).toBe(0)
    const job = await run('jobs-cli.js', elsewhere, envFor(dataDir, { LOG_LEVEL: 'warn' }))
    expect(job.out).toContain('Lifecycle job as of')
    expect(job.code).toBe(0)
  })
})
