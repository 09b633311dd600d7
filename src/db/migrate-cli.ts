// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL, or to the embedded database
// in DATA_DIR. The server also migrates at start-up; this is for deploy pipelines.
import { loadConfig } from '../config'
import { DataDirInUseError, openDatabase } from './client'

const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch(
  (e: unknown) => {
    if (!(e instanceof DataDirInUseError)) throw e
    process.stderr.write(`${e.message}\n`)
    process.exit(2)
  },
)
await database.migrate()
await database.close()
process.stdout.write(
  `Migrated the ${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL database'}.\n`,
)
