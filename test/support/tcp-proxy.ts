import { createServer, connect, type Server, type Socket } from 'node:net'

/**
 * A TCP proxy to cut a database connection on purpose: the app talks to PostgreSQL through it,
 * `cut()` drops every open connection and refuses new ones until `restore()`. Used by the
 * database and charge fault tests.
 */
export type TcpProxy = {
  /** `postgres://…` with the host and port replaced by the proxy's. */
  url(databaseUrl: string): string
  readonly port: number
  /** Connections opened through the proxy so far (accepted ones, not refused ones). */
  readonly connections: number
  /**
   * Drops every open connection and refuses new ones. 'close' ends them with a FIN, as a server
   * that shuts down or a pooler that closes a client does; 'reset' with an RST, as a broken network.
   */
  cut(how?: 'close' | 'reset'): void
  restore(): void
  close(): Promise<void>
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>()
  let refusing = false
  let connections = 0

  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy()
      return
    }
    connections++
    const upstream = connect(target.port, target.host)
    for (const s of [client, upstream]) {
      open.add(s)
      // A cut shows up here as ECONNRESET or EPIPE; the other side is destroyed with it.
      s.on('error', () => {})
      s.on('close', () => {
        open.delete(s)
        ;(s === client ? upstream : client).destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('proxy has no port')
  const cut = (how: 'close' | 'reset' = 'close') => {
    refusing = true
    for (const s of open) how === 'reset' ? s.resetAndDestroy() : s.destroy()
    open.clear()
  }

  return {
    port: address.port,
    get connections() {
      return connections
    },
    url(databaseUrl) {
      const u = new URL(databaseUrl)
      u.hostname = '127.0.0.1'
      u.port = String(address.port)
      return u.toString()
    },
    cut,
    restore() {
      refusing = false
    },
    async close() {
      cut()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
