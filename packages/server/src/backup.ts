import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { createInterface } from 'node:readline'
import { MetalError } from '@metal/core'
import {
  checkCollectionPath,
  checkDocId,
  cloneDocument,
  describe,
  invalidArgument,
  valuesEqual,
  type DocumentData,
} from '@metal/core/engine'
import type { DocChange } from '@metal/core/server'
import type { SqlDriver } from './sql/driver.js'
import { SqlStorage } from './sql/storage.js'

// Backup and restore as files: `<dir>/<project>/<collection>.ndjson`, one line per document,
// `{ "id", "data", "updateTime" }`, sorted by id. Project ids and collection path segments are
// percent-encoded in file names (a subcollection `users/u1/notes` is `users/u1/notes.ndjson`).
// An export reads one consistent snapshot; an import checks every line of every file before it
// writes anything, then writes through the storage's commit path (versions, change log, live
// queries of running servers).

/** Options of {@link exportData} and {@link importData}. */
export interface BackupOptions {
  /** Only this project (default: every project). */
  project?: string
  /** @internal Documents read per statement (tests use small pages). */
  pageSize?: number
}

/** What an export wrote or an import read. */
export interface BackupSummary {
  projects: number
  collections: number
  documents: number
}

/** The manifest an export writes beside the project folders. */
export const MANIFEST = 'metal-export.json'

/** Documents per import commit, at most. */
const COMMIT_DOCS = 500
/** JSON bytes per import commit, at most (one document may exceed it alone). */
const COMMIT_BYTES = 8 * 1024 * 1024

/**
 * Writes every document (of `options.project`, or of every project) to `dir`, which must be
 * missing or empty, from one REPEATABLE READ snapshot: the files show the database as it was
 * at one instant, whatever commits while they are written.
 */
export async function exportData(
  db: SqlDriver,
  dir: string,
  options: BackupOptions = {},
): Promise<BackupSummary & { position: number }> {
  const call = 'exportData()'
  checkBackupOptions(call, dir, options)
  if ((await listing(dir)).length > 0) {
    throw new MetalError('failed-precondition', `${call}: ${dir} is not empty`)
  }
  const pageSize = options.pageSize ?? 1000
  return db.transaction(async (tx) => {
    await tx.query(`set transaction isolation level repeatable read, read only`)
    const [top] = await tx.query<{ position: number | string }>(
      `select coalesce(max(seq), 0) as position from metal_changes`,
    )
    const collections = await tx.query<{ project: string; collection: string }>(
      options.project === undefined
        ? `select distinct project, collection from metal_docs order by 1, 2`
        : `select distinct project, collection from metal_docs where project = $1 order by 2`,
      options.project === undefined ? [] : [options.project],
    )
    const counts: Record<string, Record<string, number>> = {}
    let documents = 0
    for (const { project, collection } of collections) {
      const file = fileOf(dir, project, collection)
      await mkdir(dirname(file), { recursive: true })
      const out = createWriteStream(file, { flags: 'wx' })
      let failure: Error | undefined
      out.on('error', (error) => (failure ??= error))
      let n = 0
      try {
        let after: string | null = null
        for (;;) {
          const rows: { id: string; data: DocumentData; update_time: number | string }[] =
            await tx.query(
              `select id, data, update_time from metal_docs
                where project = $1 and collection = $2 and ($3::text is null or id > $3)
                order by id limit $4`,
              [project, collection, after, pageSize],
            )
          for (const row of rows) {
            const line = JSON.stringify({
              id: row.id,
              data: row.data,
              updateTime: Number(row.update_time),
            })
            await write(out, `${line}\n`)
          }
          n += rows.length
          if (rows.length < pageSize) break
          after = rows[rows.length - 1]!.id
        }
      } finally {
        await new Promise<void>((resolve) => out.end(() => resolve()))
      }
      if (failure) throw failure
      ;(counts[project] ??= {})[collection] = n
      documents += n
    }
    const position = Number(top!.position)
    await writeFile(
      join(dir, MANIFEST),
      `${JSON.stringify({ format: 1, time: new Date().toISOString(), position, projects: counts }, null, 2)}\n`,
    )
    return {
      projects: Object.keys(counts).length,
      collections: collections.length,
      documents,
      position,
    }
  })
}

/** One document read from a file. */
interface ImportedDoc {
  id: string
  data: DocumentData
  updateTime: number
  bytes: number
}

/**
 * Reads the files an export wrote in `dir` (of `options.project`, or of every project folder)
 * and writes their documents, replacing documents with the same ids. Every line of every file
 * is checked first: on bad input nothing at all is written, and the error names the file and
 * the line. Then each collection is written in commits of up to 500 documents (atomic each),
 * through the storage's commit path; documents already equal are skipped, so an import that
 * failed midway (the database went away) is finished by running it again. Files are read twice
 * (checked, then written): memory holds one commit's documents and each file's ids.
 */
export async function importData(
  db: SqlDriver,
  dir: string,
  options: BackupOptions = {},
): Promise<BackupSummary & { written: number }> {
  const call = 'importData()'
  checkBackupOptions(call, dir, options)
  const plan = await readExport(call, dir, options.project)
  // First every file is checked (keeping only ids); then each is read again and written.
  let documents = 0
  for (const collections of plan.values()) {
    for (const file of collections.values()) documents += await readCollection(call, file)
  }
  const storage = await SqlStorage.open(db)
  let written = 0
  try {
    for (const [project, collections] of plan) {
      for (const [collection, file] of collections) {
        let chunk: ImportedDoc[] = []
        let bytes = 0
        const flush = async () => {
          if (chunk.length > 0) written += await commitChunk(storage, project, collection, chunk)
          chunk = []
          bytes = 0
        }
        await readCollection(call, file, async (doc) => {
          if (chunk.length >= COMMIT_DOCS || bytes + doc.bytes > COMMIT_BYTES) await flush()
          chunk.push(doc)
          bytes += doc.bytes
        })
        await flush()
      }
    }
  } finally {
    await storage.close()
  }
  return {
    projects: plan.size,
    collections: [...plan.values()].reduce((n, c) => n + c.size, 0),
    documents,
    written,
  }
}

/** Writes one chunk in one commit; resolves with the number of documents that changed. */
async function commitChunk(
  storage: SqlStorage,
  project: string,
  collection: string,
  docs: readonly ImportedDoc[],
): Promise<number> {
  const outcome = await storage.commit(
    project,
    docs.map((d) => ({ collection, id: d.id })),
    (current, version) => {
      const changes: DocChange[] = []
      for (const doc of docs) {
        const before = current(collection, doc.id)
        if (before && before.updateTime === doc.updateTime && valuesEqual(before.data, doc.data)) {
          continue
        }
        changes.push({
          collection,
          id: doc.id,
          before,
          after: { id: doc.id, data: doc.data, version, updateTime: doc.updateTime },
        })
      }
      return { changes, result: changes.length }
    },
  )
  return outcome.result
}

/** Finds every file of an export and checks its name: project → collection → file. */
async function readExport(
  call: string,
  dir: string,
  only: string | undefined,
): Promise<Map<string, Map<string, string>>> {
  const top = await listing(dir)
  if (top.length === 0) {
    throw invalidArgument(call, `${dir} is missing or empty: nothing to import`)
  }
  const plan = new Map<string, Map<string, string>>()
  for (const name of top) {
    const path = join(dir, name)
    const isDir = (await stat(path)).isDirectory()
    if (!isDir) {
      if (name === MANIFEST) continue
      throw invalidArgument(call, `${path}: unexpected file (a project is a folder)`)
    }
    const project = decodeSegment(call, path, name)
    if (only !== undefined && project !== only) continue
    const collections = new Map<string, string>()
    for (const file of await files(path)) {
      const rel = relative(path, file)
      if (!rel.endsWith('.ndjson')) {
        throw invalidArgument(call, `${file}: unexpected file (collections are .ndjson files)`)
      }
      const segments = rel.slice(0, -'.ndjson'.length).split(sep)
      const collection = segments.map((s) => decodeSegment(call, file, s)).join('/')
      try {
        checkCollectionPath(call, collection)
      } catch (error) {
        throw invalidArgument(call, `${file}: not a collection: ${(error as Error).message}`)
      }
      collections.set(collection, file)
    }
    if (collections.size > 0) plan.set(project, collections)
  }
  if (only !== undefined && !plan.has(only)) {
    throw invalidArgument(call, `${dir} holds no documents of project ${describe(only)}`)
  }
  return plan
}

/**
 * Reads and checks one collection's file, handing each document to `take`; resolves with the
 * number of documents.
 */
async function readCollection(
  call: string,
  file: string,
  take?: (doc: ImportedDoc) => Promise<void>,
): Promise<number> {
  let count = 0
  const ids = new Set<string>()
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
  let n = 0
  let blank = 0
  for await (const line of lines) {
    n++
    const at = `${file} line ${n}`
    if (line.trim() === '') {
      blank = blank || n
      continue
    }
    if (blank) throw invalidArgument(call, `${file} line ${blank}: blank line`)
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch (error) {
      throw invalidArgument(call, `${at}: not JSON (${(error as Error).message})`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw invalidArgument(
        call,
        `${at}: expected an object { id, data, updateTime }, got ${describe(parsed)}`,
      )
    }
    const { id, data, updateTime, ...rest } = parsed as Record<string, unknown>
    const extra = Object.keys(rest)
    if (extra.length > 0) throw invalidArgument(call, `${at}: unknown field ${describe(extra[0])}`)
    let doc: ImportedDoc
    try {
      checkDocId('id', id)
      if (typeof updateTime !== 'number' || !Number.isSafeInteger(updateTime) || updateTime < 0) {
        throw invalidArgument(
          'updateTime',
          `must be epoch milliseconds, got ${describe(updateTime)}`,
        )
      }
      const clean = cloneDocument('data', data)
      doc = { id: id as string, data: clean, updateTime, bytes: line.length }
    } catch (error) {
      throw invalidArgument(call, `${at}: ${(error as Error).message}`)
    }
    if (ids.has(doc.id))
      throw invalidArgument(call, `${at}: document id ${describe(doc.id)} appears twice`)
    ids.add(doc.id)
    count++
    await take?.(doc)
  }
  return count
}

/** Every file under `dir`, sorted. */
async function files(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await files(path)))
    else out.push(path)
  }
  return out
}

/** The names in `dir`, or none when it does not exist. */
async function listing(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** The file of a project's collection. */
function fileOf(dir: string, project: string, collection: string): string {
  const segments = collection.split('/').map(encodeSegment)
  segments[segments.length - 1] += '.ndjson'
  return join(dir, encodeSegment(project), ...segments)
}

/** A name as a file name: percent-encoded, and never `.` or `..`. */
function encodeSegment(name: string): string {
  const encoded = encodeURIComponent(name)
  return /^\.+$/.test(encoded) ? encoded.replace(/\./g, '%2E') : encoded
}

function decodeSegment(call: string, path: string, segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw invalidArgument(call, `${path}: ${describe(segment)} is not a percent-encoded name`)
  }
}

function checkBackupOptions(call: string, dir: unknown, options: BackupOptions): void {
  if (typeof dir !== 'string' || dir === '') {
    throw invalidArgument(call, `the folder must be a non-empty string, got ${describe(dir)}`)
  }
  const { project, pageSize } = options
  if (project !== undefined && (typeof project !== 'string' || project === '')) {
    throw invalidArgument(
      call,
      `option 'project' must be a non-empty string, got ${describe(project)}`,
    )
  }
  if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize > 0)) {
    throw invalidArgument(
      call,
      `option 'pageSize' must be a positive integer, got ${describe(pageSize)}`,
    )
  }
}

/** Writes `text`, waiting when the stream's buffer is full. */
function write(out: WriteStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (out.errored) {
      reject(out.errored)
      return
    }
    if (out.write(text)) resolve()
    else {
      const done = () => {
        out.off('drain', done)
        out.off('error', done)
        if (out.errored) reject(out.errored)
        else resolve()
      }
      out.on('drain', done)
      out.on('error', done)
    }
  })
}
