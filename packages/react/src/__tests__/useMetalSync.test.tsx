import { act, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MetalError, type Metal } from '@metal/core'
import { useMetalSync, type UseMetalSyncOptions } from '../index.js'
import { gatedBackend, realtime } from './helpers.js'

let env: ReturnType<typeof realtime>
afterEach(() => env?.close())

/** Doc `docs/d` known to `a` at its first version; `a` then edits it offline while `b` edits it online. */
async function offlineConflict(a: Metal, b: Metal) {
  const docs = a.db().collection('docs')
  await docs.doc('d').set({ title: 'base', owner: 'a' })
  const stop = docs.doc('d').subscribe(() => {}) // keeps the version the offline edit is based on
  await waitFor(async () => expect((await docs.doc('d').get()).version).toBeGreaterThan(0))
  act(() => a.disableNetwork())
  await b.db().collection('docs').doc('d').update({ title: 'remote' })
  void docs.doc('d').update({ title: 'local' }, { wait: 'local' })
  return stop
}

describe('useMetalSync', () => {
  it('goes offline -> syncing -> online, counting the queued writes', async () => {
    env = realtime()
    const gate = gatedBackend(env.inner)
    const alice = env.client({ backend: gate.backend })
    const bob = env.client()
    const statuses: string[] = []
    const { result } = renderHook(
      () => {
        const sync = useMetalSync('tasks')
        if (statuses.at(-1) !== sync.status) statuses.push(sync.status)
        return sync
      },
      { wrapper: alice.wrapper },
    )
    expect(result.current).toMatchObject({ status: 'online', pending: 0, error: null })

    act(() => alice.metal.disableNetwork())
    expect(result.current.status).toBe('offline')
    const tasks = alice.metal.db().collection('tasks')
    await tasks.doc('t1').set({ title: 'one' }, { wait: 'local' })
    await tasks.doc('t2').set({ title: 'two' }, { wait: 'local' })

    gate.hold()
    act(() => alice.metal.enableNetwork())
    await waitFor(() => expect(result.current).toMatchObject({ status: 'syncing', pending: 2 }))

    act(() => gate.release())
    await waitFor(() => expect(result.current).toMatchObject({ status: 'online', pending: 0 }))
    expect(statuses).toEqual(['online', 'offline', 'syncing', 'online'])
    const onServer = await bob.metal.db().collection('tasks').get()
    expect(onServer.docs.map((d) => d.id)).toEqual(['t1', 't2'])
  })

  it('shows pending go up while offline and down as each write commits, without outside re-renders', async () => {
    env = realtime()
    const alice = env.client()
    const seen: number[] = []
    const { result } = renderHook(
      () => {
        const sync = useMetalSync('tasks')
        if (seen.at(-1) !== sync.pending) seen.push(sync.pending)
        return sync
      },
      { wrapper: alice.wrapper },
    )
    act(() => alice.metal.disableNetwork())
    const tasks = alice.metal.db().collection('tasks')
    await act(() => tasks.doc('t1').set({ n: 1 }, { wait: 'local' }))
    await waitFor(() => expect(result.current.pending).toBe(1))
    await act(() => tasks.doc('t2').set({ n: 2 }, { wait: 'local' }))
    await waitFor(() => expect(result.current.pending).toBe(2))
    act(() => alice.metal.enableNetwork())
    await waitFor(() => expect(result.current).toMatchObject({ status: 'online', pending: 0 }))
    expect(seen).toEqual([0, 1, 2, 1, 0])
  })

  it('lists the conflicts it sees and writes what onConflict returns', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const { result } = renderHook(
      () =>
        useMetalSync('docs', {
          conflict: 'server-wins',
          onConflict: (c) => ({ ...c.remote, title: `${c.remote?.title}+${c.local?.title}` }),
        }),
      { wrapper: alice.wrapper },
    )
    const stop = await offlineConflict(alice.metal, bob.metal)
    expect(result.current.conflicts).toEqual([])

    act(() => alice.metal.enableNetwork())
    await waitFor(() => expect(result.current.conflicts).toHaveLength(1))
    expect(result.current.conflicts[0]).toMatchObject({
      collection: 'docs',
      id: 'd',
      local: { title: 'local' },
      remote: { title: 'remote' },
      base: { title: 'base' },
    })
    await waitFor(async () =>
      expect((await bob.metal.db().collection('docs').doc('d').get()).data()).toEqual({
        title: 'remote+local',
        owner: 'a',
      }),
    )
    await waitFor(() => expect(result.current.pending).toBe(0))

    act(() => result.current.clearConflicts())
    expect(result.current.conflicts).toEqual([])
    stop()
  })

  it('settles a conflict by its strategy when onConflict returns nothing', async () => {
    env = realtime()
    const alice = env.client()
    const bob = env.client()
    const { result } = renderHook(() => useMetalSync('docs', { conflict: 'client-wins' }), {
      wrapper: alice.wrapper,
    })
    const stop = await offlineConflict(alice.metal, bob.metal)
    act(() => alice.metal.enableNetwork())
    await waitFor(() => expect(result.current.conflicts).toHaveLength(1))
    await waitFor(async () =>
      expect((await bob.metal.db().collection('docs').doc('d').get()).data()?.title).toBe('local'),
    )
    stop()
  })

  it('surfaces a refused queued write as error', async () => {
    env = realtime()
    const gate = gatedBackend(env.inner)
    const alice = env.client({ backend: gate.backend })
    const { result } = renderHook(() => useMetalSync('tasks'), { wrapper: alice.wrapper })
    gate.hold()
    const write = alice.metal.db().collection('tasks').doc('t').set({ title: 'x' })
    act(() => gate.release(new MetalError('permission-denied', 'tasks: write denied')))
    await expect(write).rejects.toMatchObject({ code: 'permission-denied' })
    await waitFor(() => expect(result.current.error?.code).toBe('permission-denied'))
    expect(result.current.pending).toBe(0)
  })

  it('keeps a hook without options live when another hook replaces the collection sync', async () => {
    env = realtime()
    const alice = env.client()
    const plain = renderHook(() => useMetalSync('tasks'), { wrapper: alice.wrapper })
    const configured = renderHook(
      (options: UseMetalSyncOptions) => useMetalSync('tasks', options),
      { wrapper: alice.wrapper, initialProps: { conflict: 'client-wins' } },
    )
    expect(alice.metal.sync({ collection: 'tasks' }).strategy).toBe('client-wins')

    act(() => alice.metal.disableNetwork())
    expect(plain.result.current.status).toBe('offline')
    expect(configured.result.current.status).toBe('offline')

    configured.rerender({ conflict: 'last-write-wins', maxRetries: 5 })
    expect(alice.metal.sync({ collection: 'tasks' }).strategy).toBe('last-write-wins')
    act(() => alice.metal.enableNetwork())
    expect(plain.result.current.status).toBe('online')
    expect(configured.result.current.status).toBe('online')
  })

  it('keeps the configured sync across re-renders with equal options, and under StrictMode', async () => {
    env = realtime()
    const alice = env.client()
    const { result, rerender } = renderHook(
      () => useMetalSync('tasks', { conflict: 'client-wins' }),
      { wrapper: alice.wrapper, reactStrictMode: true },
    )
    const sync = alice.metal.sync({ collection: 'tasks' })
    expect(sync.strategy).toBe('client-wins')
    act(() => alice.metal.disableNetwork())
    expect(result.current.status).toBe('offline')
    rerender()
    const other = renderHook(() => useMetalSync('tasks', { conflict: 'client-wins' }), {
      wrapper: alice.wrapper,
    })
    other.unmount()
    expect(alice.metal.sync({ collection: 'tasks' })).toBe(sync)
  })

  it('names bad options', () => {
    env = realtime()
    const alice = env.client()
    expect(() =>
      renderHook(() => useMetalSync('tasks', { conflict: 'newest' as never }), {
        wrapper: alice.wrapper,
      }),
    ).toThrow("sync(): option 'conflict' must be one of server-wins, client-wins, last-write-wins")
  })
})
