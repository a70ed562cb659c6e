import { afterEach, describe, expect, it } from 'vitest'
import { QueryClient, QueryObserver } from '@tanstack/query-core'
import { Metal } from '../index.js'
import { memory } from '../backends/memory/index.js'
import { liveQueryRegistry, metalCountOptions, metalQueryOptions } from '../bindings/index.js'
import { eventually } from '../testing/suites/harness.js'

// The shared half of useMetalCount (React and Vue), against a real TanStack QueryClient.

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function setup() {
  const backend = memory()
  const metal = new Metal({ backend, projectId: 'p' })
  const other = new Metal({ backend, projectId: 'p' })
  const client = new QueryClient()
  client.mount()
  cleanups.push(() => {
    client.clear()
    client.unmount()
    metal.close()
    other.close()
  })
  return {
    metal,
    client,
    tasks: other.db().collection('tasks'),
    counts: () => backend.aggregateListenerCount('p', 'tasks'),
    observe(options: object) {
      const observer = new QueryObserver<number>(client, options as never)
      const results: number[] = []
      const errors: unknown[] = []
      const stop = observer.subscribe((r) => {
        if (r.data !== undefined && r.data !== results.at(-1)) results.push(r.data)
        if (r.error) errors.push(r.error)
      })
      cleanups.push(stop)
      return { results, errors, stop }
    },
  }
}

describe('metalCountOptions', () => {
  it('keeps a live count in the cache through writes, with one backend listen per count', async () => {
    const t = setup()
    await t.tasks.doc('a').set({ done: false })
    const options = metalCountOptions(t.client, t.metal, 'tasks', (c) =>
      c.where('done', '==', false),
    )
    const one = t.observe(options)
    const two = t.observe(options)
    await eventually(() => expect(one.results).toEqual([1]))
    expect(t.counts()).toBe(1)

    await t.tasks.doc('b').set({ done: false })
    await eventually(() => expect(one.results).toEqual([1, 2]))
    await t.tasks.doc('a').update({ done: true })
    await eventually(() => expect(two.results).toEqual([1, 2, 1]))
    expect(t.client.getQueryData(options.queryKey)).toBe(1)

    one.stop()
    two.stop()
    await eventually(() => expect(t.counts()).toBe(0))
    expect(liveQueryRegistry(t.client).isLive(options.queryKey)).toBe(false)
  })

  it('has its own cache key, apart from the same query’s rows', () => {
    const t = setup()
    const count = metalCountOptions(t.client, t.metal, 'tasks').queryKey
    const rows = metalQueryOptions(t.client, t.metal, 'tasks').queryKey
    expect(count).toEqual(['metal', 'p', 'tasks', { count: true }])
    expect(count).not.toEqual(rows)
  })

  it('rejects a query over another collection, naming the call', () => {
    const t = setup()
    const other = t.metal.db().collection('users')
    expect(() => metalCountOptions(t.client, t.metal, 'tasks', other, 'useMetalCount()')).toThrow(
      "useMetalCount(): the query reads 'users' but the collection is 'tasks'",
    )
  })
})
