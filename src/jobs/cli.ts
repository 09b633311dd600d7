// `npm run jobs:run [-- --as-of 2027-03-01]`: runs the lifecycle job once (DESIGN §7) and prints
// what it did. Outside production, --as-of runs it as of that date (time passing, for demos and
// checks); in production the flag is refused.
import { parseArgs } from 'node:util'
import { fixedClock, systemClock } from '../clock'
import { loadConfig } from '../config'
import { DataDirInUseError, openDatabase } from '../db/client'
import { createLogger } from '../log'
import { SandboxGateway } from '../payments/sandbox-gateway'
import { invoiceMailerFor } from '../mail/invoice-mailer'
import { runLifecycle } from '../services/lifecycle/run-lifecycle'

const { values } = parseArgs({ options: { 'as-of': { type: 'string' } } })
const config = loadConfig()
const asOf = values['as-of']
if (asOf !== undefined) {
  if (config.env === 'production') {
    process.stderr.write('--as-of is refused in production (NODE_ENV=production).\n')
    process.exit(2)
  }
  if (Number.isNaN(new Date(asOf).getTime())) {
    process.stderr.write(`--as-of wants a date like 2027-03-01, got "${asOf}".\n`)
    process.exit(2)
  }
}
const clock = asOf ? fixedClock(new Date(asOf)) : systemClock
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
  (e: unknown) => {
    if (!(e instanceof DataDirInUseError)) throw e
    process.stderr.write(`${e.message}\n`)
    process.exit(2)
  },
)
await database.migrate()
const report = await runLifecycle({
  db: database.db,
  clock,
  gateway: new SandboxGateway(database.db),
  log: createLogger(config.logLevel),
  mailer: invoiceMailerFor({ ...config, from: config.mailFrom }).mailer,
})
await database.close()
process.stdout.write(
  `Lifecycle job as of ${clock.now().toISOString()}:\n${Object.entries(report)
    .map(([k, v]) => `  ${k}: ${v}`)
    .join('\n')}\n`,
)
process.exit(report.errors > 0 ? 1 : 0)
