import { ref, watchEffect } from 'vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MetalError } from '@metal/core'
import { useMetalDoc, useMetalSync } from '../index.js'
import { settle, setup } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

const docs = () => env.metal.db().collection('documents')

describe('useMetalSync', () => {
  it('counts writes queued offline, then shows them syncing and synced once back online', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalSync('documents'))
    expect(result.status.value).toBe('online')
    expect(result.pending.value).toBe(0)

    env.metal.disableNetwork()
    await vi.waitFor(() => expect(result.status.value).toBe('offline'))
    await docs().doc('a').set({ title: 'A' }, { wait: 'local' })
    await docs().doc('b').set({ title: 'B' }, { wait: 'local' })
    await vi.waitFor(() => expect(result.pending.value).toBe(2))

    const statuses: string[] = []
    const stop = watchEffect(() => statuses.push(result.status.value), { flush: 'sync' })
    env.metal.enableNetwork()
    await vi.waitFor(() => expect(result.pending.value).toBe(0))
    await vi.waitFor(() => expect(result.status.value).toBe('online'))
    stop()
    expect(statuses).toContain('syncing')
    expect((await env.other.db().collection('documents').doc('b').get()).exists).toBe(true)
  })

  it('lists conflicts met on replay, settled by the configured strategy', async () => {
    env = setup()
    await env.other.db().collection('documents').doc('a').set({ title: 'base' })
    const { result } = env.withSetup(() => ({
      doc: useMetalDoc<{ title: string }>('documents', 'a'), // the client holds the base version
      sync: useMetalSync('documents', { conflict: 'server-wins', maxRetries: 3 }),
    }))
    await vi.waitFor(() => expect(result.doc.data.value?.title).toBe('base'))

    env.metal.disableNetwork()
    await env.other.db().collection('documents').doc('a').update({ title: 'theirs' })
    await docs().doc('a').update({ title: 'mine' }, { wait: 'local' })
    expect(result.doc.data.value?.title).toBe('mine')
    env.metal.enableNetwork()

    await vi.waitFor(() => expect(result.sync.conflicts.value).toHaveLength(1))
    expect(result.sync.conflicts.value[0]).toMatchObject({
      collection: 'documents',
      id: 'a',
      local: { title: 'mine' },
      remote: { title: 'theirs' },
      base: { title: 'base' },
    })
    await vi.waitFor(() => expect(result.sync.pending.value).toBe(0))
    await vi.waitFor(() => expect(result.doc.data.value?.title).toBe('theirs'))
  })

  it('asks onConflict first, writes what it returns, and forgets conflicts on clearConflicts()', async () => {
    env = setup()
    await env.other.db().collection('documents').doc('a').set({ title: 'base' })
    const { result } = env.withSetup(() => ({
      doc: useMetalDoc<{ title: string }>('documents', 'a'),
      sync: useMetalSync('documents', {
        onConflict: (c) => ({ title: `${String(c.remote?.title)}+${String(c.local?.title)}` }),
      }),
    }))
    await vi.waitFor(() => expect(result.doc.data.value?.title).toBe('base'))

    env.metal.disableNetwork()
    await env.other.db().collection('documents').doc('a').update({ title: 'theirs' })
    await docs().doc('a').update({ title: 'mine' }, { wait: 'local' })
    env.metal.enableNetwork()

    await vi.waitFor(() => expect(result.doc.data.value?.title).toBe('theirs+mine'))
    expect(result.sync.conflicts.value).toHaveLength(1)
    result.sync.clearConflicts()
    expect(result.sync.conflicts.value).toEqual([])
  })

  it('surfaces a refused write as error, and clears it once everything is synced', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalSync('documents'))
    env.gate.hold()
    const refused = docs().doc('a').set({ title: 'A' })
    refused.catch(() => {})
    await vi.waitFor(() => expect(result.pending.value).toBe(1))
    env.gate.release(new MetalError('permission-denied', 'documents: write denied'))
    await vi.waitFor(() => expect(result.error.value?.code).toBe('permission-denied'))
    await vi.waitFor(() => expect(result.pending.value).toBe(0))

    await docs().doc('b').set({ title: 'B' })
    await vi.waitFor(() => expect(result.error.value).toBeNull())
  })

  it('retry() resends a write that stalled after its retries ran out', async () => {
    env = setup()
    const { result } = env.withSetup(() => useMetalSync('documents', { maxRetries: 0 }))
    env.gate.hold()
    void docs().doc('a').set({ title: 'A' }, { wait: 'local' })
    await vi.waitFor(() => expect(result.pending.value).toBe(1))
    env.gate.release(new MetalError('unavailable', 'the server is busy'))
    await vi.waitFor(() => expect(result.error.value?.code).toBe('unavailable'))
    await settle(50)
    expect(result.pending.value).toBe(1) // stalled, still queued

    result.retry()
    await vi.waitFor(() => expect(result.pending.value).toBe(0))
    expect(result.error.value).toBeNull()
    expect((await env.other.db().collection('documents').doc('a').get()).exists).toBe(true)
  })

  it('follows the collection a ref names', async () => {
    env = setup()
    const path = ref('documents')
    const { result } = env.withSetup(() => useMetalSync(path))
    env.metal.disableNetwork()
    await docs().doc('a').set({ title: 'A' }, { wait: 'local' })
    await vi.waitFor(() => expect(result.pending.value).toBe(1))
    path.value = 'notes'
    env.metal.enableNetwork()
    await vi.waitFor(() => expect(env.metal.sync({ collection: 'documents' }).pending).toBe(0))
    env.metal.disableNetwork()
    await settle()
    expect(result.pending.value).toBe(0)
    await env.metal.db().collection('notes').doc('n').set({ text: 'N' }, { wait: 'local' })
    await env.metal.db().collection('notes').doc('m').set({ text: 'M' }, { wait: 'local' })
    await vi.waitFor(() => expect(result.pending.value).toBe(2))
    env.metal.enableNetwork()
    await vi.waitFor(() => expect(result.pending.value).toBe(0))
  })

  it('stops listening and polling when its scope stops', async () => {
    env = setup()
    const { result, scope } = env.inScope(() => useMetalSync('documents'))
    env.metal.disableNetwork()
    await vi.waitFor(() => expect(result.status.value).toBe('offline'))
    scope.stop()
    await docs().doc('a').set({ title: 'A' }, { wait: 'local' })
    await settle(300)
    expect(result.pending.value).toBe(0)
    expect(result.status.value).toBe('offline')
    env.metal.enableNetwork()
    await vi.waitFor(() => expect(env.metal.sync({ collection: 'documents' }).pending).toBe(0))
    expect(result.status.value).toBe('offline')
  })
})
