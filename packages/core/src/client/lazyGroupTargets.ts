import { MetalError } from '../errors.js'
import type { GroupTargets } from './groupTargets.js'
import type { LocalDoc } from './overlay.js'
import type { QuerySpec } from '../engine/querySpec.js'
import type { DocState } from './documentCache.js'
import type { TargetChange } from '../protocol/backend.js'

type Args = ConstructorParameters<typeof GroupTargets>

/**
 * The collection group queries of a client, loaded with the first one (a dynamic import): an
 * app that never queries a collection group does not ship their code. Until then every hook is
 * a no-op.
 */
export class LazyGroupTargets {
  private loaded: GroupTargets | undefined
  private loading: Promise<GroupTargets> | undefined
  private closed = false

  constructor(private readonly args: () => Args) {}

  private load(): Promise<GroupTargets> {
    return (this.loading ??= import('./groupTargets.js').then(
      ({ GroupTargets }) => (this.loaded = new GroupTargets(...this.args())),
    ))
  }

  /** True while a group query listens under `targetId`. */
  has(targetId: number): boolean {
    return this.loaded?.has(targetId) ?? false
  }

  /** Number of distinct group queries listened to. */
  get size(): number {
    return this.loaded?.size ?? 0
  }

  /** Runs a group query once: over the local cache only, or on the backend. */
  async query(spec: QuerySpec, fromCache: boolean): Promise<LocalDoc[]> {
    return (await this.load()).query(spec, fromCache)
  }

  /** Listens to a group query (once its code is loaded); returns the unsubscribe. */
  listen(spec: QuerySpec, listener: Parameters<GroupTargets['listen']>[1]): () => void {
    if (this.loaded) return this.loaded.listen(spec, listener)
    let active = true
    let stop: (() => void) | undefined
    this.load().then(
      (groups) => {
        if (active && !this.closed) stop = groups.listen(spec, listener)
      },
      (error: unknown) => {
        if (active) listener.error(new MetalError('unavailable', `subscribe(): ${String(error)}`))
      },
    )
    return () => {
      active = false
      stop?.()
    }
  }

  onPush(message: Parameters<GroupTargets['onPush']>[0]): void {
    this.loaded?.onPush(message)
  }

  applyChanges(changes: readonly TargetChange[], touched: Set<DocState>): void {
    this.loaded?.applyChanges(changes, touched)
  }

  refresh(states: Iterable<DocState>): void {
    this.loaded?.refresh(states)
  }

  relistenAll(): void {
    this.loaded?.relistenAll()
  }

  /** The connection is down: see `GroupTargets.wentOffline`. */
  wentOffline(): void {
    this.loaded?.wentOffline()
  }

  closeAll(error: MetalError): void {
    this.closed = true
    this.loaded?.closeAll(error)
  }
}
