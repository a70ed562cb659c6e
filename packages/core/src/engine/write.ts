import { MetalError } from '../errors.js'
import { FieldValue } from './fieldValues.js'
import { valuesEqual } from './values.js'
import type { DocumentData } from './types.js'

/** A condition a write needs to hold when it commits. */
export interface Precondition {
  /** The document must (true) or must not (false) exist. */
  exists?: boolean
  /** The document must be at exactly this version (0: must not exist). */
  version?: number
}

interface WriteBase {
  collection: string
  id: string
  precondition?: Precondition
}

/** Replace (or merge into) a document. Data is validated, frozen and may hold sentinels. */
export interface SetWrite extends WriteBase {
  op: 'set'
  data: DocumentData
  /** `true`: merge every leaf of `data`; paths: merge only these. */
  merge?: true | readonly (readonly string[])[]
}

/** Change the given field paths of an existing document. */
export interface UpdateWrite extends WriteBase {
  op: 'update'
  fields: readonly (readonly [path: readonly string[], value: unknown])[]
}

/** Remove a document. */
export interface DeleteWrite extends WriteBase {
  op: 'delete'
}

/** One operation of a commit, as sent to a backend. */
export type Write = SetWrite | UpdateWrite | DeleteWrite

/** A stored document: frozen data with the version of the commit that last wrote it. */
export interface StoredDoc {
  readonly id: string
  readonly data: DocumentData
  readonly version: number
  /** Epoch ms of the commit that last wrote it. */
  readonly updateTime: number
}

/** Checks a write's precondition against the current document; throws the Firestore error. */
export function checkPrecondition(write: Write, current: StoredDoc | undefined): void {
  const pre = write.op === 'update' ? { exists: true, ...write.precondition } : write.precondition
  if (!pre) return
  const where = `${write.collection}/${write.id}`
  if (pre.exists === true && !current)
    throw new MetalError('not-found', `${write.op}(): no document to update at '${where}'`)
  if (pre.exists === false && current)
    throw new MetalError('already-exists', `${write.op}(): document '${where}' already exists`)
  if (pre.version !== undefined && (current?.version ?? 0) !== pre.version) {
    throw new MetalError(
      'aborted',
      `${write.op}(): '${where}' changed since it was read (version ${current?.version ?? 0}, expected ${pre.version})`,
    )
  }
}

const DELETE = Symbol('delete')

function resolveSentinel(value: FieldValue, old: unknown, now: number): unknown {
  switch (value.kind) {
    case 'serverTimestamp':
      return now
    case 'increment':
      return typeof old === 'number' ? old + (value.operand as number) : value.operand
    case 'arrayUnion': {
      const out = Array.isArray(old) ? [...(old as unknown[])] : []
      for (const e of value.operand as unknown[])
        if (!out.some((x) => valuesEqual(x, e))) out.push(e)
      return Object.freeze(out)
    }
    case 'arrayRemove': {
      const remove = value.operand as unknown[]
      const base = Array.isArray(old) ? (old as unknown[]) : []
      return Object.freeze(base.filter((x) => !remove.some((r) => valuesEqual(x, r))))
    }
    case 'delete':
      return DELETE
  }
}

/** Resolves sentinels nested anywhere in maps of a freshly set value (`old` is what was there). */
function resolveDeep(value: unknown, old: unknown, now: number): unknown {
  if (value instanceof FieldValue) return resolveSentinel(value, old, now)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  let out: Record<string, unknown> | undefined
  const map = value as Record<string, unknown>
  const oldMap =
    typeof old === 'object' && old !== null && !Array.isArray(old)
      ? (old as Record<string, unknown>)
      : undefined
  for (const key of Object.keys(map)) {
    const v = map[key]
    const r = resolveDeep(v, oldMap?.[key], now)
    if (r !== v) {
      out ??= { ...map }
      if (r === DELETE) delete out[key]
      else out[key] = r
    }
  }
  return out ? Object.freeze(out) : value
}

/**
 * Copy-on-write editor over frozen data: `put` copies only the maps along the path it changes,
 * so unchanged subtrees stay shared with the old version.
 */
class Draft {
  private readonly owned = new Set<object>()
  root: Record<string, unknown>

  constructor(base: DocumentData | undefined) {
    this.root = { ...base }
    this.owned.add(this.root)
  }

  put(path: readonly string[], value: unknown, now: number): void {
    let node = this.root
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i] as string
      const child = node[key]
      let next: Record<string, unknown>
      if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
        next = child as Record<string, unknown>
        if (!this.owned.has(next)) {
          next = { ...next }
          this.owned.add(next)
          node[key] = next
        }
      } else {
        if (value instanceof FieldValue && value.kind === 'delete') return // nothing to delete
        next = {}
        this.owned.add(next)
        node[key] = next
      }
      node = next
    }
    const leaf = path[path.length - 1] as string
    const resolved = resolveDeep(value, node[leaf], now)
    if (resolved === DELETE) delete node[leaf]
    else node[leaf] = resolved
  }

  finish(): DocumentData {
    for (const o of this.owned) Object.freeze(o)
    return this.root
  }
}

/** Every leaf path of `data` (maps recursed; empty maps, arrays, values and sentinels are leaves). */
function leafPaths(data: DocumentData, prefix: string[] = [], out: string[][] = []): string[][] {
  for (const key of Object.keys(data)) {
    const v = (data as Record<string, unknown>)[key]
    const path = [...prefix, key]
    if (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      !(v instanceof FieldValue) &&
      Object.keys(v).length > 0
    ) {
      leafPaths(v as DocumentData, path, out)
    } else out.push(path)
  }
  return out
}

function valueAt(data: DocumentData, path: readonly string[]): { found: boolean; value: unknown } {
  let node: unknown = data
  for (const key of path) {
    if (
      typeof node !== 'object' ||
      node === null ||
      Array.isArray(node) ||
      node instanceof FieldValue ||
      !(key in node)
    ) {
      return { found: false, value: undefined }
    }
    node = (node as Record<string, unknown>)[key]
  }
  return { found: true, value: node }
}

/**
 * The document data after applying `write` to `old` (`null`: the document does not exist after
 * it). Sentinels resolve against `now`. Preconditions are checked by the caller.
 */
export function applyWrite(
  write: Write,
  old: DocumentData | undefined,
  now: number,
): DocumentData | null {
  switch (write.op) {
    case 'delete':
      return null
    case 'set': {
      if (!write.merge) return resolveDeep(write.data, undefined, now) as DocumentData
      const draft = new Draft(old)
      const paths = write.merge === true ? leafPaths(write.data) : write.merge
      for (const path of paths) {
        const { found, value } = valueAt(write.data, path)
        if (found) draft.put(path, value, now)
        else draft.put(path, new FieldValue('delete'), now) // a listed path absent from data is removed
      }
      return draft.finish()
    }
    case 'update': {
      if (!old) return null
      const draft = new Draft(old)
      for (const [path, value] of write.fields) draft.put(path, value, now)
      return draft.finish()
    }
  }
}
