/** Thrown by Semaphore.run when as many callers as it allows are already waiting. */
export class SemaphoreFullError extends Error {
  constructor() {
    super('semaphore full')
  }
}

/**
 * At most `limit` tasks at once, at most `maxWaiting` more in line. A caller beyond that is
 * refused at once (SemaphoreFullError) instead of waiting: a flood then costs memory for
 * `maxWaiting` promises, not for every request it sends.
 */
export class Semaphore {
  private running = 0
  private readonly waiting: Array<() => void> = []

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.maxWaiting) throw new SemaphoreFullError()
      // The slot is handed over by release(), so `running` already counts this task.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await task()
    } finally {
      this.release()
    }
  }

  private release(): void {
    const next = this.waiting.shift()
    if (next) next()
    else this.running--
  }
}
