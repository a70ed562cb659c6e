import type { ReactNode } from 'react'
import { act, configure, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { QueryClient } from '@tanstack/react-query'
import { bindingSuite, type BindingHarness, type BindingResult } from '@metal/core/testing'
import { MetalProvider, useMetalDoc, useMetalPaginatedQuery, useMetalQuery } from '../index.js'

const hooks = { useMetalQuery, useMetalDoc, useMetalPaginatedQuery } as unknown as Record<
  string,
  (...args: unknown[]) => BindingResult
>

/** The hooks in a `renderHook` host under `<MetalProvider>`; new arguments re-render it. */
const react: BindingHarness = {
  name: 'react',
  mount(metal, binding, args) {
    configure({ reactStrictMode: false })
    const queryClient = new QueryClient()
    const history: unknown[] = []
    let renders = 0
    const wrapper = ({ children }: { children?: ReactNode }) => (
      <MetalProvider client={metal} queryClient={queryClient}>
        {children}
      </MetalProvider>
    )
    const hook = renderHook(
      ({ args }: { args: readonly unknown[] }) => {
        renders++
        const result = hooks[binding]!(...args)
        history.push(result.data)
        return result
      },
      { wrapper, initialProps: { args } },
    )
    let mounted = true
    return {
      current: () => hook.result.current,
      dataHistory: () => history,
      renders: () => renders,
      async update(next) {
        await act(async () => hook.rerender({ args: next }))
      },
      unmount() {
        if (mounted) hook.unmount()
        mounted = false
        queryClient.clear()
      },
    }
  },
  act: (action) => act(async () => await action()),
  settle: (ms = 0) => act(() => new Promise<void>((resolve) => setTimeout(resolve, ms))),
}

bindingSuite(react, { describe, it, expect })
