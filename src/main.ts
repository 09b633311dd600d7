import { serve } from '@hono/node-server'
import { createApp } from './app'
import { systemClock } from './clock'
import { ConfigError, loadConfig } from './config'
import { DataDirInUseError, openDatabase } from './db/client'
import { demoSignInsIfPresent, isEmptyDatabase, loadDemoData } from './db/seed/demo'
import { scheduleLifecycle } from './jobs/schedule'
import { createLogger, describeError } from './log'
import { SandboxGateway } from './payments/sandbox-gateway'
import { invoiceMailerFor } from './mail/invoice-mailer'
import { prepareStaticFiles } from './http/static-files'

// Last resort: an error that nothing caught (thrown from a timer, or a promise nobody awaited)
// leaves the process in a state nobody knows. Log it, without its message (it may hold data),
// and exit non-zero so the supervisor starts a clean process. On stderr, whatever LOG_LEVEL is.
const crashLog = createLogger('error', (line) => process.stderr.write(`${line}\n`))
process.on('uncaughtException', (err) => {
  crashLog.error('uncaught exception, exiting', { error: describeError(err) })
  process.exit(70) // EX_SOFTWARE
})
process.on('unhandledRejection', (reason) => {
  crashLog.error('unhandled rejection, exiting', { error: describeError(reason) })
  process.exit(70)
})

async function main(): Promise<void> {
  const config = loadConfig()
  const log = createLogger(config.logLevel)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await database.migrate()

  // Demo data: on the first start of the embedded database (no organization yet), or whenever
  // DEMO_DATA=1; never with DEMO_DATA=0 (DESIGN §12). Loading is idempotent.
  const wantDemo = config.demoData ?? (database.kind === 'pglite' && (await isEmptyDatabase(database.db)))
  const demo = wantDemo
    ? await loadDemoData(database.db, { clock: systemClock, password: config.demoPassword })
    : await demoSignInsIfPresent(database.db).then((signIns) => (signIns ? { created: false, signIns } : null))

  const mail = invoiceMailerFor({ ...config, from: config.mailFrom })
  const deps = {
    db: database.db,
    clock: systemClock,
    gateway: new SandboxGateway(database.db),
    log,
    mailer: mail.mailer,
  }
  // brotli at its best, once, in the background: ready long before a browser asks for the files (a file
  // that fails goes out uncompressed and is tried again, so this never rejects).
  void prepareStaticFiles()
  const app = createApp({ ...deps, database, config })
  const stopJobs = scheduleLifecycle(deps, config.jobsIntervalSeconds)
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`
    const lines = [
      '',
      `  Selfserve is running at ${url}`,
      `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'}`,
      `  Invoice emails: ${mail.description}`,
    ]
    if (demo) {
      // The password is the one in force when the demo data was created.
      const password = demo.created
        ? `"${config.demoPassword}"`
        : 'DEMO_PASSWORD as it was at the first start (default "selfserve-demo")'
      lines.push(`  Demo data: ${demo.created ? 'loaded' : 'already present'}. Sign in with password ${password} as:`)
      for (const s of demo.signIns) lines.push(`    ${s.email.padEnd(32)} ${s.note}`)
    }
    process.stdout.write(`${lines.join('\n')}\n\n`)
  })

  // Graceful shutdown: stop taking connections, let requests finish, then close the database.
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    log.info('shutting down', { signal })
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    server.close(async () => {
      await stopJobs()
      await database.close()
      process.exit(0)
    })
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof DataDirInUseError) {
    process.stderr.write(`${e.message}\n`)
    process.exit(2)
  }
  process.stderr.write(`Selfserve failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
