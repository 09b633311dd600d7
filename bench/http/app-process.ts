import { spawn } from 'node:child_process'
import { openSync, readFileSync } from 'node:fs'

/** One `node dist/main.js`, started as an operator would, with BENCH_ROUTES=1 and the job off. */
export type AppProcess = {
  url: string
  pid: number
  /** Milliseconds from spawn until /readyz answered 200. */
  readyMs: number
  /** The highest resident set size seen by sampleRss(), in MB. */
  peakRssMb: number
  sampleRss(): void
  stop(): Promise<void>
}

export async function startApp(o: {
  /** The checkout whose dist/main.js runs. */
  cwd: string
  port: number
  env: Record<string, string>
  logFile: string
}): Promise<AppProcess> {
  const started = performance.now()
  const out = openSync(o.logFile, 'a')
  // The heap limit of `npm start` and the unit file in docs/operations.md (Memory).
  const child = spawn(process.execPath, ['--max-old-space-size=256', 'dist/main.js'], {
    cwd: o.cwd,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(o.port),
      BENCH_ROUTES: '1',
      JOBS_INTERVAL_SECONDS: '0',
      ...o.env,
    },
    stdio: ['ignore', out, out],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  let gone = false
  void exited.then(() => {
    gone = true
  })
  const url = `http://127.0.0.1:${o.port}`
  for (;;) {
    if (gone) throw new Error(`node dist/main.js exited before it was ready; see ${o.logFile}`)
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ready) break
    if (performance.now() - started > 120_000) throw new Error(`not ready after 2 minutes; see ${o.logFile}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  const app: AppProcess = {
    url,
    pid: child.pid!,
    readyMs: performance.now() - started,
    peakRssMb: 0,
    sampleRss() {
      const mb = rssMb(child.pid!)
      if (mb > app.peakRssMb) app.peakRssMb = mb
    },
    async stop() {
      if (gone) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    },
  }
  return app
}

/** VmRSS of a process, from /proc (Linux), in MB; 0 when it cannot be read. */
export function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : 0
  } catch {
    return 0
  }
}

/** Signs in over HTTP as a browser does: the CSRF cookie from /login, then the form. The Cookie header. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${url}/login`)
  const csrf = cookieOf(page, 'ss_csrf')
  if (!csrf) throw new Error('GET /login set no ss_csrf cookie')
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ss_csrf=${csrf}`, origin: url },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  })
  const session = cookieOf(res, 'ss_session')
  if (res.status !== 303 || !session) throw new Error(`signing in as ${email} answered ${res.status}`)
  return `ss_csrf=${cookieOf(res, 'ss_csrf') ?? csrf}; ss_session=${session}`
}

function cookieOf(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    const eq = pair.indexOf('=')
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1)
  }
  return undefined
}
