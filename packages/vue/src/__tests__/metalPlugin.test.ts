import { createApp, defineComponent, effectScope, h } from 'vue'
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { QueryClient, VueQueryPlugin, useQueryClient } from '@tanstack/vue-query'
import { Metal } from '@metal/core'
import {
  MetalPlugin,
  useMetal,
  useMetalAuth,
  useMetalDoc,
  useMetalMutation,
  useMetalPaginatedQuery,
  useMetalPresence,
  useMetalQuery,
  useMetalSync,
} from '../index.js'

const metal = new Metal({ projectId: 'test', auth: { persistence: false } })
afterEach(() => vi.restoreAllMocks())

/** Mounts a component whose setup runs `composable` in an app prepared by `install`. */
function run<R>(composable: () => R, install: (app: ReturnType<typeof createApp>) => void) {
  let result!: R
  const app = createApp(
    defineComponent({
      setup() {
        result = composable()
        return () => h('div')
      },
    }),
  )
  install(app)
  app.mount(document.createElement('div'))
  app.unmount()
  return result
}

describe('MetalPlugin', () => {
  it('gives its client to useMetal()', () => {
    const client = run(useMetal, (app) => app.use(MetalPlugin, { client: metal }))
    expect(client).toBe(metal)
  })

  it('installs VueQueryPlugin with the queryClient it is given', () => {
    const queryClient = new QueryClient()
    const used = run(useQueryClient, (app) => app.use(MetalPlugin, { client: metal, queryClient }))
    expect(used).toBe(queryClient)
  })

  it('creates a QueryClient when given none', () => {
    const used = run(useQueryClient, (app) => app.use(MetalPlugin, { client: metal }))
    expect(used).toBeInstanceOf(QueryClient)
  })

  it('reuses the QueryClient of a VueQueryPlugin installed before it', () => {
    const queryClient = new QueryClient()
    const used = run(useQueryClient, (app) => {
      app.use(VueQueryPlugin, { queryClient })
      app.use(MetalPlugin, { client: metal })
    })
    expect(used).toBe(queryClient)
  })

  it('refuses a second, different QueryClient next to an installed VueQueryPlugin', () => {
    const app = createApp({ render: () => null })
    app.use(VueQueryPlugin, { queryClient: new QueryClient() })
    expect(() => app.use(MetalPlugin, { client: metal, queryClient: new QueryClient() })).toThrow(
      '`app.use(MetalPlugin)`: VueQueryPlugin is installed with another QueryClient; pass that one or none',
    )
  })

  it('rejects a client that is not a Metal client', () => {
    const app = createApp({ render: () => null })
    expect(() => app.use(MetalPlugin, { client: {} as Metal })).toThrow(
      '`app.use(MetalPlugin, { client })`: `client` must be a Metal client',
    )
  })

  it('serves composables in an effectScope run with the app context', () => {
    const app = createApp({ render: () => null })
    app.use(MetalPlugin, { client: metal })
    const scope = effectScope()
    expect(app.runWithContext(() => scope.run(useMetal))).toBe(metal)
    scope.stop()
  })
})

describe('composables without app.use(MetalPlugin)', () => {
  const composables: [string, () => unknown][] = [
    ['useMetal', () => useMetal()],
    ['useMetalQuery', () => useMetalQuery('users')],
    ['useMetalDoc', () => useMetalDoc('users', 'a')],
    ['useMetalMutation', () => useMetalMutation('users')],
    ['useMetalPaginatedQuery', () => useMetalPaginatedQuery('users')],
    ['useMetalPresence', () => useMetalPresence()],
    ['useMetalAuth', () => useMetalAuth()],
    ['useMetalSync', () => useMetalSync('users')],
  ]
  for (const [name, composable] of composables) {
    it(`${name} says it needs app.use(MetalPlugin)`, () => {
      vi.spyOn(console, 'warn').mockImplementation(() => {}) // Vue's "unhandled error in setup"
      const Component = defineComponent({
        setup() {
          composable()
          return () => h('div')
        },
      })
      expect(() => mount(Component)).toThrow(`\`${name}\` needs \`app.use(MetalPlugin)\``)
    })
  }

  it('says where to call a composable used outside setup()', () => {
    expect(() => useMetalQuery('users')).toThrow(
      '`useMetalQuery` needs `app.use(MetalPlugin)`, and to be called in setup() or app.runWithContext()',
    )
  })
})
