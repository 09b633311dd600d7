// Structured logs: one JSON object per line on stdout. Never log card data (rule 7): log
// calls name fields explicitly, and request bodies are never logged.
export type Level = 'debug' | 'info' | 'warn' | 'error'
export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, fields?: Record<string, unknown>): void
}

const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 }

export function createLogger(
  level: Level | 'silent',
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
): Logger {
  const at = (lvl: Level) => (msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }))
  }
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export const silentLogger: Logger = createLogger('silent')

/**
 * An error for the log without its message's data: database drivers put the failed query's
 * parameters (names, addresses, gateway tokens) in the message, and those must not reach the logs
 * (rule 7). Kept: the class, the database error code, the stack frames.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err
  const code = (err as { code?: unknown }).code ?? (err.cause as { code?: unknown } | undefined)?.code
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => l.trimStart().startsWith('at '))
    .slice(0, 8)
    .join('\n')
  return [`${err.name}${code ? ` (${String(code)})` : ''}`, frames].filter(Boolean).join('\n')
}
