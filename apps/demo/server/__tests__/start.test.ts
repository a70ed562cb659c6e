import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

// `npm start` (server/start.mjs) as a user runs it: one line with the URL to open, and a clean
// stop on SIGTERM. It runs the built packages (dist), as `npm start` does.

const START = fileURLToPath(new URL('../start.mjs', import.meta.url))

describe('server/start.mjs', () => {
  let root: string | undefined

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true })
  })

  it('prints one line with the URL and the data folder, serves it, and stops on SIGTERM', async () => {
    root = await mkdtemp(join(tmpdir(), 'metal-demo-start-'))
    const dataDir = join(root, 'data')
    const { DATABASE_URL: _db, ...env } = process.env
    const child = spawn(process.execPath, [START, '--port', '0', '--data-dir', dataDir], {
      env: { ...env, PORT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    try {
      await new Promise<void>((resolve, reject) => {
        const check = () => (stdout.includes('\n') ? resolve() : undefined)
        child.stdout.on('data', check)
        void exited.then(() => reject(new Error(`start.mjs exited early: ${stderr}`)))
      })
      const url = /open (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1]

      expect(url).toBeDefined()
      expect(stdout).toContain(`data in ${dataDir}, freshly seeded`)
      const users = (await (await fetch(`${url}/demo/users`)).json()) as { users: unknown[] }
      expect(users.users).toHaveLength(6)
    } finally {
      child.kill('SIGTERM')
    }

    expect(await exited).toBe(0)
    expect(stdout.trim().split('\n')).toHaveLength(1)
  })

  it('refuses a bad --port with exit code 2, naming it', async () => {
    const child = spawn(process.execPath, [START, '--port', 'eighty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))

    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))

    expect(code).toBe(2)
    expect(stderr).toContain("--port must be a number from 0 to 65535, got 'eighty'")
  })
})
