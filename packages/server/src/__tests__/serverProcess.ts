import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { onTestFinished } from 'vitest'
import { WebSocket } from 'ws'
import { Metal, type MetalOptions } from '@metal/core'
import { eventually as coreEventually } from '@metal/core/testing'

// What the black-box tests share: the `metal-server` command run as a child process (the way a
// user starts it: the published bin over the built dist), clients of a server URL, and a bounded
// wait for something that happens over the network.

/** The published `metal-server` bin (it runs dist/cli.js: build first). */

export const BIN = fileURLToPath(new URL('../../bin/metal-server.js', import.meta.url))

/** How a finished process ended, with what it printed. */
export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** A `metal-server` process that is serving. */
export interface ServerProcess {
  readonly proc: ChildProcess
  /** The URL it printed (`http://127.0.0.1:<port>`). */
  readonly url: string
  readonly stdout: () => string
  readonly stderr: () => string
  /** Sends `signal` (SIGTERM by default) and resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<Exit>
  /** Resolves when the process exits (however it ends). */
  readonly exited: Promise<Exit>
}

const started = new Set<ChildProcess>()

/** Kills (SIGKILL) every process these helpers started that is still running. */
export function killAll(): void {
  for (const proc of started)
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL')
  started.clear()
}

/**
 * The environment of a child process: this one's, without the variables that choose storage or
 * port (a test sets them explicitly), plus `env`.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, PORT: _port, ...rest } = process.env
  return { ...rest, ...env }
}

/** Starts `metal-server args` without waiting for anything. */
export function launch(args: readonly string[], env: Record<string, string> = {}) {
  const proc = spawn(process.execPath, [BIN, ...args], {
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  started.add(proc)
  let stdout = ''
  let stderr = ''
  proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const exited = new Promise<Exit>((resolve) =>
    proc.once('close', (code, signal) => {
      started.delete(proc)
      resolve({ code, signal, stdout, stderr })
    }),
  )
  return { proc, exited, stdout: () => stdout, stderr: () => stderr }
}

/** Rejects after `ms` with `what`, unless `promise` settles first. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** Runs `metal-server args` to completion (killed after `timeoutMs`). */
export async function run(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<Exit> {
  const child = launch(args, env)
  try {
    return await within(child.exited, timeoutMs, `metal-server ${args.join(' ')} to exit`)
  } finally {
    if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL')
  }
}

/** Starts `metal-server args` and resolves once it prints the URL it listens on. */
export async function start(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<ServerProcess> {
  const child = launch(args, env)
  const listening = new Promise<string>((resolve, reject) => {
    const look = () => {
      const m = /listening on (http:\/\/\S+)/.exec(child.stderr())
      if (m) resolve(m[1] as string)
    }
    child.proc.stderr?.on('data', look)
    void child.exited.then((e) =>
      reject(
        new Error(`metal-server exited (${e.code ?? e.signal}) before listening:\n${e.stderr}`),
      ),
    )
  })
  let url: string
  try {
    url = await within(listening, timeoutMs, `metal-server ${args.join(' ')} to listen`)
  } catch (error) {
    child.proc.kill('SIGKILL')
    throw error
  }
  return {
    ...child,
    url,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      child.proc.kill(signal)
      return within(child.exited, 15_000, `metal-server to exit on ${signal}`)
    },
  }
}

/** A client of the server at `url`, closed when the test ends. */
export function connect(url: string, options: Omit<MetalOptions, 'url'> = {}): Metal {
  const metal = new Metal({
    apiKey: 'key',
    projectId: 'p',
    url,
    WebSocket,
    auth: { persistence: false },
    watchBrowserNetwork: false,
    ...options,
    sync: { storage: false, retryBaseMs: 10, ...options.sync },
  })
  onTestFinished(() => metal.close())
  return metal
}

/** Waits until `check()` passes, or throws its last error (5 s unless told). */
export function eventually(check: () => void | Promise<void>, timeoutMs = 5000): Promise<void> {
  return coreEventually(check, timeoutMs)
}

/** `GET url/health` as JSON, with its status. */
export async function health(
  url: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}/health`)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
