import autocannon from 'autocannon'

export type Request = { path: string; headers: Record<string, string> }

/** One page at one level of concurrency: what autocannon saw, every response timed. */
export type Measure = {
  connections: number
  requests: number
  rps: number
  p50: number
  p95: number
  p99: number
  /** Requests that failed without an answer: timed out (60 s) or a broken connection. */
  errors: number
}

export class WrongStatusError extends Error {}

/**
 * Drives `request` for `seconds` with `connections` kept busy, split evenly over the app processes
 * (`urls`). Every response must be a 200: a 303 to /login means the session broke, and the run stops.
 */
export async function load(urls: string[], request: Request, connections: number, seconds: number): Promise<Measure> {
  const timed = await run(urls, request, connections, { duration: seconds })
  await drain(urls, request)
  if (timed.requests >= Math.min(connections, 5)) return timed
  // A page slower than the window (autocannon drops the answers still in flight at its end) is
  // measured over a fixed number of requests instead: one per connection.
  const counted = await run(urls, request, connections, { amount: 1 })
  await drain(urls, request)
  return counted
}

/** One more request to each process, answered after the ones autocannon left behind: the next
 *  measure starts on an idle server. */
async function drain(urls: string[], request: Request): Promise<void> {
  for (const url of urls) await (await fetch(`${url}${request.path}`, { headers: request.headers })).arrayBuffer()
}

async function run(
  urls: string[],
  request: Request,
  connections: number,
  until: { duration: number } | { amount: number },
): Promise<Measure> {
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  let errors = 0
  let firstError: string | undefined
  const started = performance.now()
  await Promise.all(
    urls.map(async (url, i) => {
      const share = Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0)
      if (share === 0) return
      await new Promise<void>((resolve, reject) => {
        const options = { url: `${url}${request.path}`, headers: request.headers, connections: share, timeout: 60 }
        const limit = 'amount' in until ? { amount: until.amount * share } : until
        const instance = autocannon({ ...options, ...limit }, (err) => (err ? reject(err) : resolve()))
        instance.on('response', (_client, status, _bytes, ms) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
          latencies.push(ms)
        })
        instance.on('reqError', (e) => {
          errors++
          firstError ??= e.message
        })
      })
    }),
  )
  const elapsed = (performance.now() - started) / 1000
  const wrong = [...statuses].filter(([s]) => s !== 200)
  if (wrong.length)
    throw new WrongStatusError(
      `GET ${request.path}: ${wrong.map(([s, n]) => `${n} × ${s}`).join(', ')}` +
        (wrong.some(([s]) => s === 303 || s === 302) ? ' (a redirect: the session broke)' : ''),
    )
  if (errors) process.stdout.write(`    GET ${request.path}: ${errors} requests failed (${firstError})\n`)
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN
  return {
    connections,
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    errors,
  }
}
