import { act } from 'react'
import { renderToString } from 'react-dom/server'
import { hydrateRoot, type Root } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { dehydrate, hydrate, QueryClient } from '@tanstack/react-query'
import { metalQueryOptions } from '@metal/core/bindings'
import {
  MetalProvider,
  useMetalAuth,
  useMetalDoc,
  useMetalPresence,
  useMetalQuery,
} from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
let root: Root | undefined
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
  document.body.innerHTML = ''
  env?.close()
})

function Users({ onRender }: { onRender?: (names: string) => void }) {
  const { data } = useMetalQuery<User>('users', (q) => q.orderBy('name'))
  const names = data ? data.map((u) => u.name).join(',') : 'loading'
  onRender?.(names)
  return <p>{names}</p>
}

describe('server rendering', () => {
  it('renders to a string without opening a subscription or tracking presence', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const before = env.gate.requests.length
    function Page() {
      useMetalDoc<User>('users', 'a')
      useMetalPresence({ track: { userId: 'u1' } })
      useMetalAuth()
      return <Users />
    }
    const html = renderToString(
      <MetalProvider client={env.metal} queryClient={new QueryClient()}>
        <Page />
      </MetalProvider>,
    )
    expect(html).toContain('loading')
    await settle(20)
    expect(env.gate.listenRequests('users')).toBe(0)
    expect(env.gate.requests.slice(before)).toEqual([])
  })

  it('hydrates prefetched rows without a loading flash, then goes live', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    // The server: prefetch, render, dehydrate.
    const server = new QueryClient()
    await server.prefetchQuery(
      metalQueryOptions<User>(server, env.other, 'users', (q) => q.orderBy('name')),
    )
    const html = renderToString(
      <MetalProvider client={env.other} queryClient={server}>
        <Users />
      </MetalProvider>,
    )
    expect(html).toContain('Ada')
    const state = JSON.parse(JSON.stringify(dehydrate(server))) as ReturnType<typeof dehydrate>
    server.clear()

    // The browser: hydrate the same markup with the dehydrated cache.
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const client = new QueryClient()
    hydrate(client, state)
    const seen: string[] = []
    await act(async () => {
      root = hydrateRoot(
        container,
        <MetalProvider client={env.metal} queryClient={client}>
          <Users onRender={(names) => seen.push(names)} />
        </MetalProvider>,
      )
    })
    expect(seen).not.toContain('loading')
    expect(container.textContent).toBe('Ada')
    await act(() => settle(20))
    expect(env.gate.listenRequests('users')).toBe(1)

    await act(async () => {
      await env.users().doc('b').set({ name: 'Bob', age: 25 })
      await settle(20)
    })
    expect(container.textContent).toBe('Ada,Bob')
    expect(seen).not.toContain('loading')
  })
})
