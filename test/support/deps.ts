import type { Clock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { silentLogger } from '../../src/log'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import type { Deps } from '../../src/services/deps'

/** Service dependencies for a test: its database and clock, and a sandbox gateway it can inspect. */
export function testDeps(
  database: Database,
  clock: Clock,
  gateway = new SandboxGateway(database.db),
): Deps & { gateway: SandboxGateway } {
  return { db: database.db, clock, gateway, log: silentLogger }
}
