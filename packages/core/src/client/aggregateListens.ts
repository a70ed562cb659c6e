import { MetalError, isTransient } from '../errors.js'
import { sameValues, type AggregateSpec, type AggregateValues } from '../engine/aggregateSpec.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { BackendPush } from '../protocol/backend.js'
import type { Store } from './store.js'

/** Receives a live aggregate's values. */
export interface AggregateListener {
  /** Called with the current values at once (once known), then each time they change. */
  next(values: AggregateValues): void
  /** Called once if the listen fails (for example when permission is denied). */
  error(error: MetalError): void
}

interface Entry {
  readonly listener: AggregateListener
  /** The values this listener last got (undefined: none yet). */
  seen: AggregateValues | undefined
}

class AggregateTarget {
  readonly entries = new Set<Entry>()
  values: AggregateValues | undefined
  /** Bumped per listen request, so a late answer to an older one is ignored. */
  attempt = 0

  constructor(
    readonly targetId: number,
    readonly key: string,
    readonly query: QuerySpec,
    readonly aggregates: AggregateSpec,
  ) {}
}

/**
 * The client side of live aggregates: identical listens share one backend target, every target
 * is listened again after a reconnect, and each listener hears only real changes. Values come
 * from the backend's committed data; pending local writes are not counted (as in Cloud
 * Firestore, aggregations run on the backend).
 */
export class AggregateListens {
  private readonly byKey = new Map<string, AggregateTarget>()
  private readonly byId = new Map<number, AggregateTarget>()

  constructor(private readonly store: Store) {
    store.onReconnect(() => {
      for (const target of this.byId.values()) this.send(target)
    })
    store.onOtherPush((m) => this.onPush(m))
    store.onClose((error) => {
      for (const target of [...this.byId.values()]) this.fail(target, error)
    })
  }

  /** Computes aggregations once on the backend (rejects `unavailable` while offline). */
  async run(query: QuerySpec, aggregates: AggregateSpec): Promise<AggregateValues> {
    const { values } = await this.store.request({ type: 'aggregate', query, aggregates })
    return values
  }

  /** Listens to aggregations over a query; returns the function that stops listening. */
  listen(query: QuerySpec, aggregates: AggregateSpec, listener: AggregateListener): () => void {
    if (this.store.isClosed) {
      throw new MetalError('failed-precondition', 'subscribeCount(): this Metal client is closed')
    }
    const key = JSON.stringify([query, aggregates])
    let target = this.byKey.get(key)
    if (!target) {
      target = new AggregateTarget(this.store.newTargetId(), key, query, aggregates)
      this.byKey.set(key, target)
      this.byId.set(target.targetId, target)
      // Offline, the reconnect hook sends it.
      if (this.store.connected) this.send(target)
    }
    const entry: Entry = { listener, seen: undefined }
    target.entries.add(entry)
    const t = target
    if (t.values) queueMicrotask(() => this.deliver(t, entry))
    let active = true
    return () => {
      if (!active) return
      active = false
      t.entries.delete(entry)
      if (t.entries.size === 0) this.drop(t)
    }
  }

  private send(target: AggregateTarget): void {
    const attempt = ++target.attempt
    const { targetId, query, aggregates } = target
    this.store.request({ type: 'listenAggregate', targetId, query, aggregates }).then(
      ({ values }) => {
        if (this.byId.get(targetId) === target && target.attempt === attempt) {
          this.update(target, values)
        }
      },
      (error: unknown) => {
        if (isTransient(error)) return // listened again after the reconnect
        this.fail(
          target,
          error instanceof MetalError ? error : new MetalError('internal', String(error)),
        )
      },
    )
  }

  private onPush(message: BackendPush): void {
    if (message.type !== 'aggregate' && message.type !== 'targetError') return
    const target = this.byId.get(message.targetId)
    if (!target) return
    if (message.type === 'aggregate') this.update(target, message.values)
    else this.fail(target, new MetalError(message.code, message.message))
  }

  private update(target: AggregateTarget, values: AggregateValues): void {
    target.values = values
    for (const entry of [...target.entries]) this.deliver(target, entry)
  }

  private deliver(target: AggregateTarget, entry: Entry): void {
    const values = target.values
    if (!values || !target.entries.has(entry)) return
    if (entry.seen && sameValues(entry.seen, values)) return
    entry.seen = values
    try {
      entry.listener.next(values)
    } catch (error) {
      console.error('Metal: a subscribeCount() listener threw:', error)
    }
  }

  private drop(target: AggregateTarget): void {
    this.byKey.delete(target.key)
    this.byId.delete(target.targetId)
    if (!this.store.isClosed && this.store.connected) {
      this.store.request({ type: 'unlisten', targetId: target.targetId }).catch(() => {})
    }
  }

  private fail(target: AggregateTarget, error: MetalError): void {
    if (this.byId.get(target.targetId) !== target) return
    const entries = [...target.entries]
    target.entries.clear()
    this.drop(target)
    for (const { listener } of entries) {
      try {
        listener.error(error)
      } catch (e) {
        console.error('Metal: a subscribeCount() error listener threw:', e)
      }
    }
  }
}

const instances = new WeakMap<Store, AggregateListens>()

/** The live-aggregate client of a store, made on first use. */
export function aggregateListens(store: Store): AggregateListens {
  let listens = instances.get(store)
  if (!listens) instances.set(store, (listens = new AggregateListens(store)))
  return listens
}
