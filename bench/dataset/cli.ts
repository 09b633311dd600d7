// `npm run bench:data -- --scale N [--database-url postgres://…] [--seed S] [--now 2026-11-26]`: the
// PostgreSQL data set of issue 15 (docs/benchmarks.md). Drops and re-creates the database, but only
// one this command made or an empty one.
import { parseArgs } from 'node:util'
import { benchDatabaseUrl } from './database'
import { generateBenchData } from './generate'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
    seed: { type: 'string', default: '15' },
    now: { type: 'string' },
  },
})
const scale = Number(values.scale)
const seed = Number(values.seed)
if (!Number.isInteger(scale) || scale < 1 || scale > 100) throw new Error(`--scale wants 1 to 100, got ${values.scale}`)
if (!Number.isInteger(seed)) throw new Error(`--seed wants an integer, got ${values.seed}`)
const now = values.now ? new Date(values.now) : startOfDay(new Date())
if (Number.isNaN(now.getTime())) throw new Error(`--now wants a date, got ${values.now}`)

const url = benchDatabaseUrl(scale, values['database-url'])
process.stdout.write(`Into ${url.replace(/\/\/[^@]*@/, '//')}\n`)
await generateBenchData({ url, scale, seed, now })

function startOfDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
}
