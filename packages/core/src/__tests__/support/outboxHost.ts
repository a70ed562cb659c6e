import { MetalError } from '../../errors.js'
import { Outbox, pathKey, type OutboxEntry, type OutboxHost } from '../../client/outbox.js'
import type { KeyValueStorage } from '../../client/storage.js'
import type { StoredDoc, Write } from '../../engine/write.js'
import type { BackendResponses } from '../../protocol/backend.js'
import type { ConflictResolution, ConflictStrategy, SyncConfig } from '../../client/syncConfig.js'

// What the outbox's tests share: a host that records what the outbox does, and helpers.

export type CommitResponse = BackendResponses['commit']

export interface Sent {
  writes: Write[]
  mutationId: string
  resolve(response?: Partial<CommitResponse>): void
  reject(error: MetalError): void
}

/** An OutboxHost that records what the outbox does and lets the test answer each commit. */
export class FakeHost implements OutboxHost {
  isOnline = true
  readonly sent: Sent[] = []
  readonly configs = new Map<string, SyncConfig>()
  readonly remote = new Map<string, StoredDoc | null>()
  readonly committedEntries: OutboxEntry[] = []
  readonly abandonedCalls: {
    entry: OutboxEntry
    error: MetalError | null
    adopt: { collection: string; doc: StoredDoc }[]
    gone: { collection: string; id: string }[]
  }[] = []
  readonly failures: MetalError[] = []
  getRemoteCalls = 0

  request(message: { writes: Write[]; mutationId: string }): Promise<CommitResponse> {
    return new Promise((resolve, reject) => {
      this.sent.push({
        writes: message.writes,
        mutationId: message.mutationId,
        resolve: (response = {}) =>
          resolve({
            version: 1,
            time: 1,
            docs: message.writes.map(() => null),
            targets: [],
            ...response,
          }),
        reject,
      })
    })
  }
  async getRemote(collection: string, id: string): Promise<StoredDoc | null> {
    this.getRemoteCalls++
    return this.remote.get(pathKey(collection, id)) ?? null
  }
  online(): boolean {
    return this.isOnline
  }
  config(collection: string): SyncConfig | undefined {
    return this.configs.get(collection)
  }
  committed(entry: OutboxEntry): void {
    this.committedEntries.push(entry)
  }
  abandoned(
    entry: OutboxEntry,
    error: MetalError | null,
    adopt: { collection: string; doc: StoredDoc }[],
    gone: { collection: string; id: string; version: number }[],
  ): void {
    this.abandonedCalls.push({ entry, error, adopt, gone })
  }
  failed(_entry: OutboxEntry, error: MetalError): void {
    this.failures.push(error)
  }
  changed(): void {}

  sync(
    collection: string,
    strategy: ConflictStrategy,
    options: {
      maxRetries?: number
      resolve?: SyncConfig['resolve']
    } = {},
  ): void {
    this.configs.set(collection, {
      strategy,
      maxRetries: options.maxRetries ?? 3,
      resolve: options.resolve ?? (async (): Promise<ConflictResolution> => undefined),
    })
  }
}

export const setWrite = (
  id: string,
  data: Record<string, unknown>,
  collection = 'tasks',
): Write => ({
  op: 'set',
  collection,
  id,
  data,
})

export const stored = (
  id: string,
  data: Record<string, unknown>,
  version: number,
  updateTime = 0,
) => ({
  id,
  data,
  version,
  updateTime,
})

export const KEY = 'metal:outbox:test'

export function setup(options: { storage?: KeyValueStorage | null } = {}) {
  const host = new FakeHost()
  const outbox = new Outbox(host, 'client', options.storage ?? null, KEY)
  return { host, outbox }
}

/** Queues one batch as the store does, with a settle hook. */
export function add(
  outbox: Outbox,
  writes: Write[],
  options: { offline?: boolean; bases?: [string, StoredDoc | null | undefined][] } = {},
) {
  const entry = outbox.add(writes, new Map(options.bases ?? []), options.offline ?? false)
  const settled = new Promise<void>((resolve, reject) => {
    entry.settle = { resolve, reject, local: false }
  })
  settled.catch(() => {})
  return { entry, settled }
}

/** Lets promise callbacks (and the outbox's async steps) run. */
export const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export const unavailable = () => new MetalError('unavailable', 'connection lost')
export const aborted = () => new MetalError('aborted', 'changed since it was read')
