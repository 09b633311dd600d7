import { join } from 'node:path'
import { z } from 'zod'

// Every setting, read once from the environment and validated (docs/configuration.md).
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes'].includes(v)))

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATA_DIR: z.string().min(1).default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DEMO_DATA: flag,
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('selfserve-demo'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TRUST_PROXY: flag.transform((v) => v ?? false),
  REGION_ADMIN_URL: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_DIR: z
    .string()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Selfserve <invoices@selfserve.invalid>'),
  BENCH_ROUTES: flag.transform((v) => v ?? false),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  env: 'development' | 'production' | 'test'
  /** undefined: load demo data only on the first start of the embedded database. */
  demoData: boolean | undefined
  demoPassword: string
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent'
  trustProxy: boolean
  regionAdminUrl: string | undefined
  jobsIntervalSeconds: number
  /** Invoice emails go through this SMTP server; unset, outside production, they are files in mailDir. */
  smtpUrl: string | undefined
  mailDir: string
  mailFrom: string
  /** GET /bench/select-1 exists (npm run bench's yardstick); off everywhere else. */
  benchRoutes: boolean
}

export class ConfigError extends Error {}

const SECRET_SETTINGS = new Set(['DATABASE_URL', 'DEMO_PASSWORD', 'SMTP_URL'])

/** Reads the environment; throws ConfigError naming each bad setting and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0])
      // Never echo a secret: a malformed DATABASE_URL may still hold a password.
      const shown = SECRET_SETTINGS.has(name) ? '(hidden)' : JSON.stringify(env[name] ?? '')
      return `  ${name}=${shown}: ${i.message}`
    })
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    env: c.NODE_ENV,
    demoData: c.DEMO_DATA,
    demoPassword: c.DEMO_PASSWORD,
    logLevel: c.LOG_LEVEL,
    trustProxy: c.TRUST_PROXY,
    regionAdminUrl: c.REGION_ADMIN_URL,
    jobsIntervalSeconds: c.JOBS_INTERVAL_SECONDS,
    smtpUrl: c.SMTP_URL,
    mailDir: c.MAIL_DIR ?? join(c.DATA_DIR === 'memory://' ? '.' : c.DATA_DIR, 'mail'),
    mailFrom: c.MAIL_FROM,
    benchRoutes: c.BENCH_ROUTES,
  }
}
