import { createServer, type MetalServer } from '../../src/index.js'
import type { Child } from './child.js'

/** What every figure gets from the entry script. */
export interface BenchContext {
  /** The run's fresh PostgreSQL database. */
  databaseUrl: string
  /** The load-generator child (child/loadgen.ts), started once and shared. */
  loadgen(): Promise<Child>
}

/** The project every benchmark client uses. */
export const PROJECT = 'bench'

/** Starts a Metal server on a free loopback port over PostgreSQL (or PGlite in memory). */
export async function startMetal(
  databaseUrl: string | undefined,
): Promise<{ server: MetalServer; url: string }> {
  const server = createServer({
    port: 0,
    log: false,
    ...(databaseUrl ? { databaseUrl } : {}),
  })
  const { url } = await server.listen()
  return { server, url }
}
