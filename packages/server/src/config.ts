import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { MetalError } from '@metal/core'
import { describe, invalidArgument } from '@metal/core/engine'
import { checkServerOptions } from './options.js'
import type { ServerOptions } from './server.js'

/** What a `metal.config.js` exports by default: any {@link createServer} option. */
export type MetalConfig = ServerOptions

/**
 * Types a configuration file's default export (it returns `config` unchanged):
 *
 * ```js
 * // metal.config.js, run with `metal-server --config metal.config.js`
 * import { defineConfig, env } from '@metal/server'
 * export default defineConfig({
 *   projects: { demo: { apiKeys: ['demo-key'], auth: { jwt: { secret: env('METAL_JWT_SECRET') } } } },
 * })
 * ```
 */
export function defineConfig(config: MetalConfig): MetalConfig {
  return config
}

/**
 * Reads the environment variable `name`, so secrets (`METAL_JWT_SECRET`, `METAL_SERVICE_KEY`)
 * stay out of configuration files. Throws a `failed-precondition` MetalError naming the variable
 * when it is not set (or empty).
 */
export function env(name: string): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw invalidArgument(
      'env()',
      `'name' must be an environment variable name, got ${describe(name)}`,
    )
  }
  const value = process.env[name]
  if (value === undefined || value === '') {
    throw new MetalError(
      'failed-precondition',
      `env(): the environment variable ${name} is not set (the configuration reads it)`,
    )
  }
  return value
}

/**
 * Loads a configuration file (an ES module whose default export is {@link createServer}'s
 * options) and validates it. Fails with a MetalError naming the file and what is wrong: a
 * missing file, a module that throws (a missing `env()` variable), no default export, or a
 * bad option (by its path, `projects.demo.apiKeys[0]`).
 */
export async function loadConfig(path: string): Promise<MetalConfig> {
  const file = resolve(path)
  const call = `config ${path}`
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown }
  } catch (error) {
    const e = error as NodeJS.ErrnoException
    if (
      e.code === 'ERR_MODULE_NOT_FOUND' &&
      typeof e.message === 'string' &&
      e.message.includes(file)
    ) {
      throw new MetalError('invalid-argument', `${call}: the file ${file} does not exist`)
    }
    const why = MetalError.is(error) || error instanceof Error ? error.message : String(error)
    throw new MetalError(
      MetalError.is(error) ? error.code : 'invalid-argument',
      `${call}: the file failed to load: ${why}`,
    )
  }
  const config = module.default
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new MetalError(
      'invalid-argument',
      `${call}: the file must export its options as default (export default defineConfig({ ... })), got ${describe(config)}`,
    )
  }
  checkServerOptions(call, config as MetalConfig)
  return config as MetalConfig
}
