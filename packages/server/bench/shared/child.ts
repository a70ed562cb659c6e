import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// A child process of the benchmark (load generators, a server to weigh), driven over IPC:
// the parent calls a named command with JSON arguments and gets its JSON result back.

interface CallMessage {
  id: number
  cmd: string
  args: unknown
}
interface ReplyMessage {
  id: number
  ok: boolean
  value?: unknown
  error?: string
}

/** A running child and its commands. */
export interface Child {
  call<T>(cmd: string, args?: unknown): Promise<T>
  /** Asks the child to exit, then kills it if it has not within a few seconds. */
  stop(): Promise<void>
  readonly pid: number
}

/** Starts `child/<name>.ts` (run through tsx, with --expose-gc) and waits until it is ready. */
export async function spawnChild(name: string): Promise<Child> {
  const file = fileURLToPath(new URL(`../child/${name}.ts`, import.meta.url))
  const proc: ChildProcess = fork(file, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  let next = 1
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let exited = false
  const ready = new Promise<void>((resolve, reject) => {
    proc.once('message', () => resolve())
    proc.once('exit', (code) => reject(new Error(`child ${name} exited (${code}) before ready`)))
  })
  proc.on('message', (m: ReplyMessage | 'ready') => {
    if (m === 'ready') return
    const p = pending.get(m.id)
    if (!p) return
    pending.delete(m.id)
    if (m.ok) p.resolve(m.value)
    else p.reject(new Error(`child ${name}: ${m.error}`))
  })
  proc.on('exit', (code, signal) => {
    exited = true
    for (const p of pending.values())
      p.reject(new Error(`child ${name} exited (${code ?? signal})`))
    pending.clear()
  })
  await ready
  return {
    pid: proc.pid as number,
    call<T>(cmd: string, args?: unknown): Promise<T> {
      if (exited) return Promise.reject(new Error(`child ${name} has exited`))
      const id = next++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        proc.send({ id, cmd, args } satisfies CallMessage)
      })
    },
    async stop() {
      if (exited) return
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
      proc.send({ id: 0, cmd: 'exit', args: null } satisfies CallMessage)
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000)
      await gone
      clearTimeout(timer)
    },
  }
}

/** In a child: serves the parent's commands with `handlers`, then says it is ready. */
export function serveParent(
  handlers: Record<string, (args: never) => unknown | Promise<unknown>>,
): void {
  const send = (m: ReplyMessage): void => {
    process.send?.(m)
  }
  process.on('message', (m: CallMessage) => {
    if (m.cmd === 'exit') {
      process.exit(0)
    }
    const handler = handlers[m.cmd]
    if (!handler) {
      send({ id: m.id, ok: false, error: `unknown command ${m.cmd}` })
      return
    }
    Promise.resolve()
      .then(() => handler(m.args as never))
      .then(
        (value) => send({ id: m.id, ok: true, value }),
        (error: unknown) =>
          send({
            id: m.id,
            ok: false,
            error: error instanceof Error ? error.stack : String(error),
          }),
      )
  })
  // The parent is gone (exited or killed): so is this child.
  process.on('disconnect', () => process.exit(0))
  process.send?.('ready')
}
