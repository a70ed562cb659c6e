import { renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query'
import { Metal } from '@metal/core'
import type { ReactNode } from 'react'
import {
  MetalProvider,
  useMetal,
  useMetalDoc,
  useMetalAuth,
  useMetalMutation,
  useMetalPaginatedQuery,
  useMetalPresence,
  useMetalQuery,
  useMetalSync,
  useSuspenseMetalQuery,
} from '../index.js'

const metal = new Metal({ projectId: 'test' })
afterEach(() => vi.restoreAllMocks())

describe('MetalProvider', () => {
  it('gives its client to useMetal()', () => {
    const { result } = renderHook(useMetal, {
      wrapper: ({ children }) => <MetalProvider client={metal}>{children}</MetalProvider>,
    })
    expect(result.current).toBe(metal)
  })

  it('uses the queryClient it is given', () => {
    const queryClient = new QueryClient()
    const { result } = renderHook(useQueryClient, {
      wrapper: ({ children }) => (
        <MetalProvider client={metal} queryClient={queryClient}>
          {children}
        </MetalProvider>
      ),
    })
    expect(result.current).toBe(queryClient)
  })

  it('creates one QueryClient when given none, and keeps it across renders', () => {
    const { result, rerender } = renderHook(useQueryClient, {
      wrapper: ({ children }) => <MetalProvider client={metal}>{children}</MetalProvider>,
    })
    const first = result.current
    expect(first).toBeInstanceOf(QueryClient)
    rerender()
    expect(result.current).toBe(first)
  })

  it("reuses an enclosing QueryClientProvider's client when given none", () => {
    const outer = new QueryClient()
    const { result } = renderHook(useQueryClient, {
      wrapper: ({ children }) => (
        <QueryClientProvider client={outer}>
          <MetalProvider client={metal}>{children}</MetalProvider>
        </QueryClientProvider>
      ),
    })
    expect(result.current).toBe(outer)
  })

  it('rejects a client that is not a Metal client', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <MetalProvider client={{} as Metal}>{children}</MetalProvider>
    )
    expect(() => renderHook(() => null, { wrapper })).toThrow(
      '<MetalProvider>: prop `client` must be a Metal client',
    )
  })
})

describe('hooks outside <MetalProvider>', () => {
  const hooks: [string, () => unknown][] = [
    ['useMetal', () => useMetal()],
    ['useMetalQuery', () => useMetalQuery('users')],
    ['useSuspenseMetalQuery', () => useSuspenseMetalQuery('users')],
    ['useMetalDoc', () => useMetalDoc('users', 'a')],
    ['useMetalMutation', () => useMetalMutation('users')],
    ['useMetalPaginatedQuery', () => useMetalPaginatedQuery('users')],
    ['useMetalPresence', () => useMetalPresence()],
    ['useMetalAuth', () => useMetalAuth()],
    ['useMetalSync', () => useMetalSync('tasks')],
  ]
  for (const [name, hook] of hooks) {
    it(`${name} says it must be used inside <MetalProvider>`, () => {
      vi.spyOn(console, 'error').mockImplementation(() => {})
      expect(() => renderHook(hook)).toThrow(`\`${name}\` must be used inside \`<MetalProvider>\``)
    })
  }
})
