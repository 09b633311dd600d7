import type { Deps } from '../services/deps'
import { runLifecycle } from '../services/lifecycle/run-lifecycle'
import { describeError } from '../log'

/** Runs the lifecycle job every `seconds` inside the server (0: never), one run at a time per
 *  process; other instances may run it too (rows are claimed with SKIP LOCKED). Returns a stop. */
export function scheduleLifecycle(deps: Deps, seconds: number): () => Promise<void> {
  if (seconds <= 0) return async () => {}
  let running: Promise<void> | null = null
  const tick = () => {
    if (running) return
    running = runLifecycle(deps)
      .then((report) => {
        const did = Object.entries(report).filter(([, n]) => n > 0)
        if (did.length) deps.log.info('lifecycle job', Object.fromEntries(did))
      })
      .catch((e: unknown) => deps.log.error('lifecycle job failed', { error: describeError(e) }))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, seconds * 1000)
  timer.unref()
  setTimeout(tick, 1000).unref()
  return async () => {
    clearInterval(timer)
    await running
  }
}
