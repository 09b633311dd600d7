import { Semaphore } from '../services/auth/semaphore'
import type { AppContext } from './env'

/**
 * Batches of CSV exports made at once in this process. An export reads and writes a whole organization
 * (5,000 rows, 0.8 MB, about 90 ms of CPU at scale 1): 64 at once took the process to 313 MB, and every
 * page waited behind them. A batch takes a turn to be read and written; the download itself holds no
 * turn, so a slow or stalled browser keeps nobody else's export waiting (issue 15).
 */
const BATCHES_AT_ONCE = 2
/** Every open export has at most one batch waiting: a bound that is never reached. */
const BATCHES_WAITING = 100_000
const batchTurns = new Semaphore(BATCHES_AT_ONCE, BATCHES_WAITING)

/** A CSV file streamed as its lines are made (`views/csv.ts` writes them), so a long export never sits in
 *  memory; a download that is cancelled stops the generator, and with it the batches it reads. */
export function csvResponse(c: AppContext, lines: AsyncGenerator<string>, fileName: string): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batchTurns.run(() => lines.next())
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
    },
    async cancel() {
      await lines.return(undefined)
    },
  })
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName}"`,
  })
}
