#!/usr/bin/env node
// @ts-check
// `npm start`: starts the demo and prints the one URL to open.
//
//   node server/start.mjs [--port 8787] [--data-dir apps/demo/.data] [--reset]
//   PORT=9000 node server/start.mjs
//   DATABASE_URL=postgres://… node server/start.mjs
import { parseArgs } from 'node:util'
import { DEFAULT_DATA_DIR, startDemo } from './demo.mjs'

const HELP = `Usage: npm start [-- --port 8787] [--data-dir DIR] [--reset]

  --port N        port to listen on (default $PORT or 8787)
  --data-dir DIR  where the demo keeps its data (default ${DEFAULT_DATA_DIR})
  --reset         wipe the demo's data and seed it again
  DATABASE_URL    store in PostgreSQL instead of the data folder's PGlite`

/**
 * Runs the command; resolves with the exit code once the demo stopped (or failed to start).
 *
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
async function main(argv) {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        reset: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    console.error(`demo: ${/** @type {Error} */ (error).message}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  const portText = values.port ?? process.env.PORT ?? '8787'
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) {
    const from = values.port !== undefined ? '--port' : '$PORT'
    console.error(`demo: ${from} must be a number from 0 to 65535, got '${portText}'`)
    return 2
  }
  let demo
  try {
    demo = await startDemo({
      port: Number(portText),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
      ...(values.reset ? { reset: true } : {}),
    })
  } catch (error) {
    console.error(`demo: could not start: ${/** @type {Error} */ (error).message}`)
    return 1
  }
  const where =
    demo.database === 'postgresql'
      ? `PostgreSQL at ${new URL(/** @type {string} */ (process.env.DATABASE_URL)).host}`
      : demo.dataDir
  console.log(
    `Metal demo: open ${demo.url}  (data in ${where}${demo.seeded ? ', freshly seeded' : ''}; Ctrl+C stops)`,
  )
  return new Promise((resolve) => {
    /** @type {Promise<void> | undefined} */
    let stopping
    /** @param {NodeJS.Signals} signal */
    const stop = (signal) => {
      if (stopping) {
        console.error(`demo: ${signal} again: exiting without waiting`)
        process.exit(1)
      }
      stopping = demo.close().then(
        () => resolve(0),
        (error) => {
          console.error(`demo: shutdown failed: ${/** @type {Error} */ (error).message}`)
          resolve(1)
        },
      )
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}

process.exit(await main(process.argv.slice(2)))
