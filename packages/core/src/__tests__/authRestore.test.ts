import { afterEach, describe, expect, it } from 'vitest'
import { Metal, memoryStorage, type KeyValueStorage, type MetalError } from '../index.js'
import { memory, type MemoryBackend } from '../backends/memory/index.js'
import { eventually, settle } from '../testing/suites/harness.js'

const AUTH_KEY = 'metal:auth:test'
const OUTBOX_KEY = 'metal:outbox:test'

/**
 * A storage over `inner` whose reads are asynchronous, and whose read of the auth session is
 * held until `release()`: the client's session restore is still running meanwhile.
 */
function slowAuthStorage(inner: KeyValueStorage) {
  const reads: string[] = []
  let release: () => void = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const storage: KeyValueStorage = {
    getItem: async (key) => {
      reads.push(key)
      if (key === AUTH_KEY) await released
      return inner.getItem(key)
    },
    setItem: (key, value) => inner.setItem(key, value),
    removeItem: (key) => inner.removeItem(key),
  }
  return { storage, reads, release }
}

const opened: (Metal | MemoryBackend)[] = []
afterEach(() => {
  for (const x of opened.splice(0)) x.close()
})

function client(backend: MemoryBackend, storage: KeyValueStorage): Metal {
  const metal = new Metal({
    backend,
    projectId: 'test',
    auth: { persistence: storage },
    sync: { storage },
    watchBrowserNetwork: false,
  })
  opened.push(metal)
  return metal
}

/** A backend whose rules need a session, and a signed-in client's session and offline write stored. */
async function signedInWithQueuedWrite() {
  const backend = memory({ rules: ({ auth }) => auth !== null })
  opened.push(backend)
  const stored = memoryStorage()
  const first = client(backend, stored)
  await first.auth().authenticate({ type: 'custom', token: 't', metadata: { userId: 'u1' } })
  first.disableNetwork()
  await first.db().collection('notes').doc('n1').set({ text: 'offline' }, { wait: 'local' })
  await eventually(() => expect(stored.getItem(OUTBOX_KEY)).toContain('n1'))
  first.close()
  return { backend, stored }
}

describe('requests wait for the stored session after a reload', () => {
  it('replays queued offline writes only once the stored session is restored', async () => {
    const { backend, stored } = await signedInWithQueuedWrite()
    const slow = slowAuthStorage(stored)
    const reloaded = client(backend, slow.storage)
    const writeErrors: MetalError[] = []
    reloaded.onWriteError((e) => writeErrors.push(e))

    // The queue is read back while the session is still being restored.
    await eventually(() => expect(slow.reads).toContain(OUTBOX_KEY))
    await settle()
    expect(reloaded.auth().status).toBe('unknown')
    slow.release()

    // The stored queue is read back through a lazily loaded decoder: wait for the write itself.
    const check = client(backend, memoryStorage())
    await check.auth().authenticate({ type: 'custom', token: 'c', metadata: { userId: 'c' } })
    await eventually(async () =>
      expect((await check.db().collection('notes').doc('n1').get()).data()).toEqual({
        text: 'offline',
      }),
    )
    await eventually(() => expect(reloaded.sync({ collection: 'notes' }).pending).toBe(0))
    expect(writeErrors).toEqual([])
    expect(reloaded.auth().status).toBe('signed-in')
  })

  it('answers reads and live queries made while the status is unknown under the restored session', async () => {
    const { backend, stored } = await signedInWithQueuedWrite()
    const slow = slowAuthStorage(stored)
    const reloaded = client(backend, slow.storage)
    const notes = reloaded.db().collection('notes')
    expect(reloaded.auth().status).toBe('unknown')

    const read = notes.get()
    const seen: string[][] = []
    const errors: MetalError[] = []
    notes.subscribe(
      (changes) => seen.push(changes.map((c) => `${c.type}:${c.id}`)),
      (e) => errors.push(e),
    )
    await eventually(() => expect(slow.reads).toContain(OUTBOX_KEY))
    await settle()
    slow.release()

    await expect(read).resolves.toBeDefined()
    await eventually(() => expect(seen.flat()).toContain('added:n1'))
    await eventually(() => expect(reloaded.sync({ collection: 'notes' }).pending).toBe(0))
    expect(errors).toEqual([])
    expect(reloaded.auth().status).toBe('signed-in')
  })

  it('lets waiting requests go signed out when the stored session is refused', async () => {
    let refuse = false
    const backend = memory({
      rules: ({ auth }) => auth !== null,
      verifyToken: (credential) => {
        if (refuse) throw new Error('revoked')
        return { userId: credential.token, role: null, roles: [], expiresAt: null, claims: {} }
      },
    })
    opened.push(backend)
    const stored = memoryStorage()
    const first = client(backend, stored)
    await first.auth().authenticate({ type: 'custom', token: 'u1' })
    first.close()

    refuse = true
    const slow = slowAuthStorage(stored)
    const reloaded = client(backend, slow.storage)
    const read = reloaded.db().collection('notes').get()
    await settle()
    slow.release()
    await expect(read).rejects.toMatchObject({ code: 'permission-denied' })
    expect(reloaded.auth().status).toBe('signed-out')
    expect(stored.getItem(AUTH_KEY)).toBeNull()
  })

  it('fails requests still waiting for the session when the client is closed', async () => {
    const { backend, stored } = await signedInWithQueuedWrite()
    const slow = slowAuthStorage(stored)
    const reloaded = client(backend, slow.storage)
    const read = reloaded.db().collection('notes').get()
    reloaded.close()
    await expect(read).rejects.toMatchObject({ code: 'unavailable' })
    slow.release()
  })
})
