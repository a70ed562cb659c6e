import { Suspense } from 'react'
import { render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useSuspenseMetalQuery } from '../index.js'
import { settle, setup, type User } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

describe('useSuspenseMetalQuery', () => {
  it('suspends until the first result, renders it once, then stays live', async () => {
    env = setup()
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    const seen: string[] = []
    function Names() {
      const { data } = useSuspenseMetalQuery<User>('users', (q) => q.orderBy('name'))
      const names = data.map((u) => u.name).join(',') // data is defined: no undefined check needed
      seen.push(names)
      return <p>{names}</p>
    }
    render(
      <Suspense fallback={<p>loading</p>}>
        <Names />
      </Suspense>,
      { wrapper: env.wrapper },
    )
    expect(screen.getByText('loading')).toBeTruthy()
    await screen.findByText('Ada')
    await settle(20)
    expect(seen).toEqual(['Ada'])
    await waitFor(() => expect(env.listens('users')).toBe(1))

    await env.users().doc('b').set({ name: 'Bob', age: 25 })
    await screen.findByText('Ada,Bob')
  })

  it('closes its subscription on unmount, also under StrictMode', async () => {
    env = setup({ strict: true })
    await env.seedUsers({ a: { name: 'Ada', age: 36 } })
    function Names() {
      const { data } = useSuspenseMetalQuery<User>('users')
      return <p>{data.map((u) => u.name).join(',')}</p>
    }
    const view = render(
      <Suspense fallback={<p>loading</p>}>
        <Names />
      </Suspense>,
      { wrapper: env.wrapper },
    )
    await screen.findByText('Ada')
    await waitFor(() => expect(env.listens('users')).toBe(1))
    view.unmount()
    await waitFor(() => expect(env.listens('users')).toBe(0))
  })

  it('throws a refused subscription to the nearest error boundary', async () => {
    env = setup()
    env.gate.refuseListens('secrets')
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {}) // React logs caught errors
    const { ErrorBoundary } = await import('./ErrorBoundary.js')
    function Secrets() {
      useSuspenseMetalQuery('secrets')
      return <p>secrets</p>
    }
    render(
      <ErrorBoundary>
        <Suspense fallback={<p>loading</p>}>
          <Secrets />
        </Suspense>
      </ErrorBoundary>,
      { wrapper: env.wrapper },
    )
    expect(await screen.findByText("permission-denied: listen on 'secrets' denied")).toBeTruthy()
    quiet.mockRestore()
  })
})
