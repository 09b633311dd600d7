import type { AppContext } from './env'

/** A CSV file streamed as its lines are made (`views/csv.ts` writes them), so a long export never sits in
 *  memory; a download that is cancelled stops the generator, and with it the batches it reads. */
export function csvResponse(c: AppContext, lines: AsyncGenerator<string>, fileName: string): Response {
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next()
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
