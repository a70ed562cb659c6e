import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { SignJWT } from 'jose'
import { MetalError } from '@metal/core'
import { PROTOCOL_VERSION } from '@metal/core/protocol'
import { defineConfig, env, loadConfig } from '../config.js'
import { createServer, type ServerOptions } from '../server.js'
import { pgliteDriver } from '../sql/pglite.js'
import { indexName } from '../sql/indexes.js'
import { connect, killAll, run, start } from './serverProcess.js'

// Configuration: createServer's `projects` option validated field by field, defineConfig and
// env(), and `metal-server --config <file>` as a user runs it (the built bin in a child
// process) with secrets in the environment; the example config of examples/server included.

const DIST = pathToFileURL(fileURLToPath(new URL('../../dist/index.js', import.meta.url))).href
const EXAMPLE = fileURLToPath(
  new URL('../../../../examples/server/metal.config.mjs', import.meta.url),
)
const SECRET = 'a JWT secret of at least 32 bytes, from the environment'
const SERVICE = 'a-service-key-of-at-least-32-characters'

const folders: string[] = []
afterEach(() => killAll())
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

/** Writes `source` as an ES module in a fresh folder; returns its path. */
async function configFile(source: string, name = 'metal.config.mjs'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'metal-config-'))
  folders.push(dir)
  const file = join(dir, name)
  await writeFile(file, source)
  return file
}

/** The config every CLI test serves: project `demo`, its secrets read with env(). */
const DEMO_CONFIG = `
import { defineConfig, env } from '${DIST}'
export default defineConfig({
  port: 1,
  projects: {
    demo: {
      apiKeys: ['demo-key'],
      serviceKeys: [env('METAL_SERVICE_KEY')],
      auth: { jwt: { secret: env('METAL_JWT_SECRET'), issuer: 'https://id.demo.test' } },
      rules: ({ auth }) => auth !== null,
    },
  },
})
`

/** What a raw hello to `url` gets: 'welcome', or the close reason. */
async function hello(url: string, projectId: string, apiKey: string): Promise<string> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/socket`)
  ws.on('error', () => {})
  await new Promise<void>((resolve) => ws.once('open', () => resolve()))
  ws.send(JSON.stringify({ hello: { protocol: PROTOCOL_VERSION, projectId, apiKey } }))
  return new Promise((resolve) => {
    ws.once('message', () => {
      ws.close()
      resolve('welcome')
    })
    ws.once('close', (_, reason) => resolve(reason.toString()))
  })
}

function refusal(options: unknown): string {
  try {
    createServer(options as ServerOptions)
  } catch (error) {
    expect(MetalError.is(error, 'invalid-argument')).toBe(true)
    return (error as MetalError).message
  }
  throw new Error('expected createServer() to refuse the options')
}

describe('the projects option', () => {
  const demo = { apiKeys: ['demo-key'] }
  it.each([
    [{ projects: [] }, /'projects' must be an object of projects by id, got array\(0\)/],
    [{ projects: {} }, /'projects' must name at least one project/],
    [{ projects: { demo: null } }, /'projects.demo' must be an object, got null/],
    [
      { projects: { demo: {} } },
      /'projects.demo.apiKeys' must be an array of at least one string, got undefined/,
    ],
    [
      { projects: { demo: { apiKeys: [] } } },
      /'projects.demo.apiKeys' must be an array of at least one string/,
    ],
    [
      { projects: { demo: { apiKeys: [''] } } },
      /'projects.demo.apiKeys\[0\]' must be a non-empty string/,
    ],
    [
      { projects: { demo: { apiKeys: ['k', 7] } } },
      /'projects.demo.apiKeys\[1\]' must be a non-empty string.*got 7/,
    ],
    [
      { projects: { demo: { ...demo, apiKey: 'x' } } },
      /'projects.demo' has an unknown option 'apiKey'/,
    ],
    [
      { projects: { demo: { ...demo, serviceKeys: ['short'] } } },
      /'projects.demo.serviceKeys\[0\]' must have at least 32 characters.*got 5/,
    ],
    [
      { projects: { demo: { apiKeys: [SERVICE], serviceKeys: [SERVICE] } } },
      /'projects.demo' lists a key twice/,
    ],
    [
      { projects: { demo: { ...demo, auth: { jwt: { secret: 'short' } } } } },
      /'projects.demo.auth.jwt.secret' must be a string or bytes of at least 32 bytes/,
    ],
    [
      { projects: { demo: { ...demo, auth: { jwt: { secret: SECRET, algorithms: ['RS256'] } } } } },
      /'projects.demo.auth.jwt.algorithms\[0\]'/,
    ],
    [
      { projects: { demo: { ...demo, auth: { jwt: { jwks: '/no/such/jwks.json' } } } } },
      /'projects.demo.auth.jwt.jwks' names the file/,
    ],
    [
      { projects: { demo: { ...demo, auth: { verifyToken: 'yes' } } } },
      /'projects.demo.auth.verifyToken' must be a function/,
    ],
    [
      { projects: { demo: { ...demo, auth: { jwks: 'x' } } } },
      /'projects.demo.auth' has an unknown option 'jwks'/,
    ],
    [
      { projects: { demo: { ...demo, rules: 'allow' } } },
      /'projects.demo.rules' must be a function or a rules object/,
    ],
    [
      { projects: { demo: { ...demo, rules: { docs: {} } } } },
      /'projects.demo.rules': rules: unknown key 'docs'/,
    ],
    [
      { projects: { demo: { ...demo, allowServiceKeyFromOrigins: ['admin.example.com'] } } },
      /'projects.demo.allowServiceKeyFromOrigins\[0\]' must be an origin like/,
    ],
    [
      { projects: { demo }, verifyToken: () => ({}) },
      /option 'verifyToken' applies to every project: with 'projects', give each project its own \(projects.<id>.auth.verifyToken\)/,
    ],
    [{ projects: { demo }, rules: () => true }, /option 'rules' applies to every project/],
  ])('createServer(%j) refuses with invalid-argument naming the field path', (options, message) => {
    const text = refusal(options)
    expect(text).toMatch(/^createServer\(\): /)
    expect(text).toMatch(message)
  })

  it('never quotes a key or secret in a refusal', () => {
    expect(
      refusal({ projects: { demo: { ...demo, serviceKeys: ['hunter2-key'] } } }),
    ).not.toContain('hunter2')
    expect(
      refusal({ projects: { demo: { ...demo, auth: { jwt: { secret: 'hunter2-secret' } } } } }),
    ).not.toContain('hunter2')
  })
})

describe('defineConfig and env', () => {
  it('defineConfig returns the config it is given', () => {
    const config = { port: 9000, projects: { demo: { apiKeys: ['k'] } } }
    expect(defineConfig(config)).toBe(config)
  })

  it('env reads a variable, and refuses a missing or empty one naming it', () => {
    process.env.METAL_TEST_PRESENT = 'value'
    process.env.METAL_TEST_EMPTY = ''
    try {
      expect(env('METAL_TEST_PRESENT')).toBe('value')
      for (const name of ['METAL_TEST_MISSING', 'METAL_TEST_EMPTY']) {
        expect(() => env(name)).toThrow(
          new MetalError(
            'failed-precondition',
            `env(): the environment variable ${name} is not set (the configuration reads it)`,
          ),
        )
      }
      expect(() => env('not a name')).toThrow(
        /env\(\): 'name' must be an environment variable name/,
      )
    } finally {
      delete process.env.METAL_TEST_PRESENT
      delete process.env.METAL_TEST_EMPTY
    }
  })
})

describe('loadConfig', () => {
  it('loads a module whose default export is the options', async () => {
    const file = await configFile(
      `export default { port: 0, projects: { demo: { apiKeys: ['k'] } } }`,
    )
    expect(await loadConfig(file)).toEqual({ port: 0, projects: { demo: { apiKeys: ['k'] } } })
  })

  it.each([
    [
      'no default export',
      `export const port = 1`,
      /the file must export its options as default.*got undefined/,
    ],
    [
      'a bad field',
      `export default { projects: { demo: { apiKeys: [42] } } }`,
      /'projects.demo.apiKeys\[0\]' must be a non-empty string/,
    ],
    ['an unknown option', `export default { prot: 1 }`, /unknown option 'prot'/],
    ['a module that throws', `throw new Error('boom')`, /the file failed to load: boom/],
  ])('refuses %s, naming the file', async (_, source, message) => {
    const file = await configFile(source)
    const error = (await loadConfig(file).catch((e: unknown) => e)) as MetalError
    expect(error.message).toContain(`config ${file}`)
    expect(error.message).toMatch(message)
  })

  it('refuses a file that does not exist', async () => {
    await expect(loadConfig('/no/such/metal.config.mjs')).rejects.toThrow(
      /the file \/no\/such\/metal.config.mjs does not exist/,
    )
  })
})

describe('metal-server --config', () => {
  const secrets = { METAL_JWT_SECRET: SECRET, METAL_SERVICE_KEY: SERVICE }

  it('serves the projects of the file with secrets from the environment; the --port flag wins', async () => {
    const file = await configFile(DEMO_CONFIG)
    const server = await start(['--config', file, '--memory', '--port', '0'], secrets)
    expect(server.stderr()).toContain('serves 1 project: demo')
    expect(server.stderr()).not.toContain('DEVELOPMENT mode')
    expect(server.stderr()).not.toContain('without rules')
    expect(server.stderr()).not.toContain(SECRET)
    expect(server.url).not.toMatch(/:1$/)
    expect(await hello(server.url, 'demo', 'demo-key')).toBe('welcome')
    expect(await hello(server.url, 'demo', 'wrong-key')).toBe(
      'hello refused: the project id or API key is not valid',
    )
    expect(await hello(server.url, 'other', 'demo-key')).toBe(
      'hello refused: the project id or API key is not valid',
    )

    const metal = connect(server.url, { projectId: 'demo', apiKey: 'demo-key' })
    const token = await new SignJWT({ sub: 'ada' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://id.demo.test')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET))
    expect((await metal.auth().authenticate({ type: 'jwt', token })).userId).toBe('ada')
    await metal.db().collection('notes').doc('n1').set({ by: 'ada' })
    const service = connect(server.url, { projectId: 'demo', apiKey: SERVICE })
    expect((await service.db().collection('notes').doc('n1').get()).data()).toEqual({ by: 'ada' })
    expect((await server.stop()).code).toBe(0)
  })

  it.each([
    ['METAL_JWT_SECRET', { METAL_SERVICE_KEY: SERVICE }],
    ['METAL_SERVICE_KEY', { METAL_JWT_SECRET: SECRET }],
  ])('exits 2 naming %s when the environment lacks it', async (name, env) => {
    const exit = await run(['--config', await configFile(DEMO_CONFIG), '--memory'], env)
    expect(exit.code).toBe(2)
    expect(exit.stderr).toContain(`env(): the environment variable ${name} is not set`)
  })

  it.each([
    [
      `export default { projects: { demo: { apiKeys: ['demo-key', ''] } } }`,
      /'projects.demo.apiKeys\[1\]' must be a non-empty string/,
    ],
    [`export default 42`, /must export its options as default/],
  ])('exits 2 for a bad file (%s), naming the field', async (source, message) => {
    const exit = await run(['--config', await configFile(source), '--memory'])
    expect(exit.code).toBe(2)
    expect(exit.stderr).toMatch(message)
  })

  it('exits 2 when the file does not exist, or --config has no value', async () => {
    const missing = await run(['--config', '/no/such/metal.config.mjs', '--memory'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('does not exist')
    const empty = await run(['--config', '', '--memory'])
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/--config needs a value/)
  })

  it('stores where the file says (dataDir), for the server and the index command; --memory wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'metal-config-data-'))
    folders.push(dir)
    const file = await configFile(
      `export default { dataDir: ${JSON.stringify(dir)}, projects: { demo: { apiKeys: ['demo-key'] } } }`,
    )
    const index = await run(['index', 'tasks', 'status', '--config', file])
    expect(index.code).toBe(0)
    const server = await start(['--config', file, '--port', '0'])
    expect(server.stderr()).toContain(`in ${dir}`)
    expect(server.stderr()).toContain(
      'Projects without rules (anyone with the API key reads and writes everything): demo',
    )
    await server.stop()
    const memory = await start(['--config', file, '--port', '0', '--memory'])
    expect(memory.stderr()).toContain('in memory')
    await memory.stop()
    const db = await pgliteDriver(dir)
    try {
      const rows = await db.query<{ indexname: string }>(
        `select indexname from pg_indexes where indexname like 'metal_idx_%'`,
      )
      expect(rows.map((r) => r.indexname)).toEqual([indexName('tasks', ['status'])])
    } finally {
      await db.close()
    }
  }, 90_000) // three metal-server processes boot PGlite

  it('runs the example config of examples/server with its secrets in the environment', async () => {
    const server = await start(['--config', EXAMPLE, '--memory', '--port', '0'], secrets)
    expect(server.stderr()).toContain('serves 1 project: demo')
    expect(await hello(server.url, 'demo', 'demo-key')).toBe('welcome')
    expect(await hello(server.url, 'demo', 'nope')).toBe(
      'hello refused: the project id or API key is not valid',
    )
    const exit = await run(['--config', EXAMPLE, '--memory', '--port', '0'], {
      METAL_SERVICE_KEY: SERVICE,
    })
    expect(exit.code).toBe(2)
    expect(exit.stderr).toContain('METAL_JWT_SECRET is not set')
    await server.stop()
  })
})
