import { parseArgs } from 'node:util'
import { MetalError } from '@metal/core'
import { createServer, type MetalServer } from './server.js'
import { pgliteDriver } from './sql/pglite.js'
import { postgresDriver } from './sql/postgres.js'
import { migrate } from './sql/schema.js'
import { checkIndex, createIndex } from './sql/indexes.js'
import type { SqlDriver } from './sql/driver.js'
import { loadConfig, type MetalConfig } from './config.js'

const HELP = `metal-server: the Metal realtime server

Usage:
  metal-server [--config metal.config.js] [--port 8787] [--host 127.0.0.1] [--data ./metal-data | --memory]
  metal-server index <collection> <field,...> [--data ./metal-data]

Storage:
  DATABASE_URL=postgres://...   store in PostgreSQL
  --data <dir>                  store in embedded PGlite in <dir> (default ./metal-data)
  --memory                      store in embedded PGlite in memory (lost on exit)

Commands:
  index <collection> <fields>   create an index on those fields (comma-separated) of a collection

Options:
  --config <file>  load options from an ES module (export default defineConfig({ projects, ... }));
                   the flags and variables above win over it
  --port <n>       port to listen on (default 8787, or $PORT)
  --host <addr>    interface to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --help           show this help
`

/**
 * Runs the `metal-server` command with its arguments (without `node` and the script); resolves
 * with the exit code, or stays running while the server serves (until SIGINT/SIGTERM).
 */
export async function main(
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number | undefined> {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        memory: { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    console.error(`metal-server: ${(error as Error).message}\n\n${HELP}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.log(HELP)
    return 0
  }
  const databaseUrl = env.DATABASE_URL || undefined
  if (values.memory && values.data) {
    console.error('metal-server: give --data or --memory, not both')
    return 2
  }
  if (databaseUrl && (values.memory || values.data !== undefined)) {
    // Storing in PostgreSQL when asked for a throwaway (or a local) database would be a surprise.
    console.error(
      `metal-server: DATABASE_URL is set (store in PostgreSQL) and ${values.memory ? '--memory' : '--data'} asks for embedded PGlite: give one (unset DATABASE_URL for PGlite)`,
    )
    return 2
  }
  for (const flag of ['data', 'host', 'config'] as const) {
    if (values[flag] === '') {
      // `--data "$DIR"` with DIR unset must not fall back to memory (and lose the data).
      console.error(`metal-server: --${flag} needs a value, got an empty string`)
      return 2
    }
  }
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    console.error(`metal-server: DATABASE_URL must be a postgres:// URL`)
    return 2
  }
  let config: MetalConfig = {}
  if (values.config !== undefined) {
    try {
      config = await loadConfig(values.config)
    } catch (error) {
      if (!MetalError.is(error)) throw error
      console.error(`metal-server: ${error.message}`)
      return 2
    }
  }
  // Storage named on the command line (or DATABASE_URL) replaces the file's.
  const storageFlag = Boolean(databaseUrl || values.memory || values.data !== undefined)
  const fileStorage =
    config.databaseUrl !== undefined || config.dataDir !== undefined || config.driver !== undefined
  const dataDir =
    databaseUrl || values.memory
      ? undefined
      : (values.data ?? (fileStorage ? undefined : './metal-data'))

  if (positionals[0] === 'index') {
    const [, collection, fields] = positionals
    if (!collection || !fields || positionals.length > 3) {
      console.error(`metal-server index: give a collection and comma-separated fields\n\n${HELP}`)
      return 2
    }
    let db: SqlDriver | undefined
    try {
      checkIndex(collection, fields.split(',')) // before the database is opened: fails fast
      const url = databaseUrl ?? (storageFlag ? undefined : config.databaseUrl)
      db = url
        ? await postgresDriver({ connectionString: url })
        : await pgliteDriver(dataDir ?? (storageFlag ? undefined : config.dataDir))
      await migrate(db)
      const name = await createIndex(db, collection, fields.split(','))
      console.log(`index ${name} on ${collection} (${fields}) is ready`)
      return 0
    } catch (error) {
      console.error(`metal-server index: ${(error as Error).message}`)
      return 1
    } finally {
      await db?.close()
    }
  }
  if (positionals.length > 0) {
    console.error(`metal-server: unknown command '${positionals[0]}'\n\n${HELP}`)
    return 2
  }
  const portText =
    values.port ?? env.PORT ?? (config.port !== undefined ? String(config.port) : '8787')
  const port = Number(portText)
  if (!/^\d+$/.test(portText) || port > 65535) {
    const from = values.port !== undefined ? '--port' : '$PORT'
    console.error(`metal-server: ${from} must be a number from 0 to 65535, got '${portText}'`)
    return 2
  }
  let server: MetalServer
  try {
    const { databaseUrl: _u, dataDir: _d, driver: _s, ...fileOptions } = config
    server = createServer({
      ...(storageFlag ? fileOptions : config),
      port,
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(dataDir !== undefined ? { dataDir } : {}),
    })
  } catch (error) {
    if (!MetalError.is(error, 'invalid-argument')) throw error
    console.error(`metal-server: ${error.message}`)
    return 2
  }
  // A signal while the database opens stops the server once it is open, not halfway through.
  const started = server.listen()
  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= started
      .then(
        () => server.close().then(() => 0),
        () => 1,
      )
      .then(
        (code) => process.exit(code),
        (error: unknown) => {
          console.error(`metal-server: ${(error as Error).message}`)
          process.exit(1)
        },
      )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  try {
    await started
  } catch (error) {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
    throw error
  }
  return undefined
}
