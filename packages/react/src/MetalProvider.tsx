'use client'
import { createContext, useContext, useRef, type ReactNode } from 'react'
import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query'
import { MetalError, type Metal } from '@metal/core'

const MetalContext = createContext<Metal | null>(null)

/** Props of {@link MetalProvider}. */
export interface MetalProviderProps {
  /** The Metal client the hooks below read and write. */
  client: Metal
  /**
   * The TanStack QueryClient that caches results.
   * @default the client of an enclosing `QueryClientProvider`, or a new `QueryClient`
   */
  queryClient?: QueryClient
  children?: ReactNode
}

/** Makes a Metal client (and a TanStack QueryClient) available to the Metal hooks below it. */
export function MetalProvider({ client, queryClient, children }: MetalProviderProps) {
  if (typeof client?.db !== 'function') {
    throw new MetalError(
      'invalid-argument',
      '<MetalProvider>: prop `client` must be a Metal client',
    )
  }
  const outer = useContext(QueryClientContext)
  const own = useRef<QueryClient>(undefined)
  const cache = queryClient ?? outer ?? (own.current ??= new QueryClient())
  return (
    <MetalContext.Provider value={client}>
      <QueryClientProvider client={cache}>{children}</QueryClientProvider>
    </MetalContext.Provider>
  )
}

/** @internal The provider's client; throws a clear error when `hook` is used outside it. */
export function useMetalContext(hook: string): Metal {
  const metal = useContext(MetalContext)
  if (!metal) {
    throw new MetalError(
      'failed-precondition',
      `\`${hook}\` must be used inside \`<MetalProvider>\``,
    )
  }
  return metal
}

/** The Metal client of the nearest `<MetalProvider>`. */
export function useMetal(): Metal {
  return useMetalContext('useMetal')
}
