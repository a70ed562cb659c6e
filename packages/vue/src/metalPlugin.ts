import {
  hasInjectionContext,
  inject,
  ssrContextKey,
  unref,
  type InjectionKey,
  type Plugin,
} from 'vue'
import { VUE_QUERY_CLIENT, VueQueryPlugin, type QueryClient } from '@tanstack/vue-query'
import { MetalError, type Metal } from '@metal/core'

const METAL: InjectionKey<Metal> = Symbol('metal')

/** Options of `app.use(MetalPlugin, options)`. */
export interface MetalPluginOptions {
  /** The Metal client the composables read and write. */
  client: Metal
  /**
   * The TanStack QueryClient that caches results.
   * @default the client of a `VueQueryPlugin` installed before, or a new `QueryClient`
   */
  queryClient?: QueryClient
}

/**
 * Makes a Metal client available to the Metal composables of an app, and installs TanStack's
 * `VueQueryPlugin` unless the app already has it.
 */
export const MetalPlugin: Plugin<[MetalPluginOptions]> = {
  install(app, options) {
    if (typeof options?.client?.db !== 'function') {
      throw new MetalError(
        'invalid-argument',
        '`app.use(MetalPlugin, { client })`: `client` must be a Metal client',
      )
    }
    app.provide(METAL, options.client)
    const installed = app.runWithContext(() => inject<QueryClient | null>(VUE_QUERY_CLIENT, null))
    if (!installed) app.use(VueQueryPlugin, { queryClient: options.queryClient })
    else if (options.queryClient && options.queryClient !== installed) {
      throw new MetalError(
        'invalid-argument',
        '`app.use(MetalPlugin)`: VueQueryPlugin is installed with another QueryClient; pass that one or none',
      )
    }
  },
}

/** @internal What a composable needs: the client, and whether it runs in a server render. */
export interface MetalContext {
  metal: Metal
  /** True while rendering on the server: nothing subscribes then. */
  ssr: boolean
}

/** @internal The plugin's client; throws a clear error when `name` is used without it. */
export function useMetalContext(name: string): MetalContext {
  const context = hasInjectionContext()
  const metal = context ? inject(METAL, null) : null
  if (!metal) {
    throw new MetalError(
      'failed-precondition',
      `\`${name}\` needs \`app.use(MetalPlugin)\`` +
        (context ? '' : ', and to be called in setup() or app.runWithContext()'),
    )
  }
  return { metal, ssr: inject(ssrContextKey, null) != null }
}

/** The Metal client given to `app.use(MetalPlugin, { client })`. */
export function useMetal(): Metal {
  return useMetalContext('useMetal').metal
}

/**
 * @internal On the server queries stay disabled (nothing subscribes while rendering), so
 * `suspense()`, awaited in `onServerPrefetch`, reads the first result into the cache once instead.
 */
export function serverSuspense(
  result: { suspense: () => Promise<unknown> },
  prefetch: () => Promise<unknown>,
): void {
  result.suspense = () =>
    prefetch().then(() =>
      Object.fromEntries(Object.entries(result).map(([key, value]) => [key, unref(value)])),
    )
}
