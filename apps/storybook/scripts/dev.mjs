// `npm run storybook` at the repository root: both Storybooks' dev servers, composed.
//
// Starts the Vue Storybook (apps/storybook-vue) on 127.0.0.1:6007, waits until it serves its
// index, then the main one (this app) on 127.0.0.1:6006, whose `refs` (.storybook/main.ts) show
// the Vue stories beside the React ones. The main one starts second so that its check of the
// ref finds it up (Storybook then loads the ref's index without credentials, which the Vue dev
// server's CORS headers allow). Ctrl-C, or either server ending, stops both. Extra arguments go
// to the main Storybook (`npm run storybook -- --no-open`).
/* global fetch -- Node 20 has it */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { VUE_STORYBOOK_DEV_URL } from './storybookRefs.mjs'

const main = join(import.meta.dirname, '..')
const vue = join(main, '..', 'storybook-vue')
const STARTUP_TIMEOUT_MS = 180_000

/** The storybook CLI of the workspace. */
function storybookBin() {
  const pkgFile = createRequire(join(main, 'package.json')).resolve('storybook/package.json')
  const { bin } = JSON.parse(readFileSync(pkgFile, 'utf8'))
  return join(dirname(pkgFile), typeof bin === 'string' ? bin : bin.storybook)
}

const children = new Set()
/** Starts `storybook dev` in `cwd`; when one server ends, the other is stopped too. */
function start(cwd, args) {
  const child = spawn(process.execPath, [storybookBin(), 'dev', ...args], {
    cwd,
    stdio: 'inherit',
  })
  children.add(child)
  child.on('exit', (code) => {
    children.delete(child)
    stop()
    process.exitCode ||= code ?? 1
  })
  return child
}

function stop() {
  for (const child of children) child.kill('SIGTERM')
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

/** Resolves once `url` answers 200, or rejects after the timeout. */
async function waitFor(url) {
  const until = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < until) {
    if (children.size === 0) throw new Error('the Vue Storybook stopped')
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 500))
  }
  throw new Error(`no answer from ${url} in ${STARTUP_TIMEOUT_MS / 1000} s`)
}

const { port } = new URL(VUE_STORYBOOK_DEV_URL)
start(vue, ['-p', port, '--host', '127.0.0.1', '--no-open'])
try {
  await waitFor(`${VUE_STORYBOOK_DEV_URL}/index.json`)
} catch (error) {
  console.error(`storybook: ${error.message}`)
  stop()
  process.exit(1)
}
start(main, ['-p', '6006', '--host', '127.0.0.1', ...process.argv.slice(2)])
