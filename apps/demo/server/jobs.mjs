// @ts-check
// The processing jobs: a browser creates a `processingJobs` document with status `pending`; the
// server's trigger claims it (status `processing`, `startedAt`) and a runner in this process moves
// its `progress` by 10 every step through writes to the document, which every watching client
// sees live, until it is `completed` (or `failed` with an `error`). Every step is a transaction
// that reads the job first, so a step runs only on a job still running at the progress it read:
// the trigger seeing its own writes, a cancel, or a resumed job after a restart never doubles a
// step.
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * @typedef {import('@metal/core').Metal} Metal
 * @typedef {import('@metal/core/engine').DocumentData} DocumentData
 * @typedef {import('@metal/server').TriggerChange} TriggerChange
 */

/**
 * Job types the app offers. Each completes, except `import-broken-file`, which fails at 40%
 * with an error, so the app can show a failed job. A job may also carry `failAt` (a progress,
 * 10 to 100) to fail there.
 */
export const JOB_TYPES = /** @type {const} */ ([
  'video-processing',
  'audio-generation',
  'batch-operation',
  'import-broken-file',
])

/** Where a job of a failing type fails, and why. */
const FAILURES = /** @type {Record<string, { at: number, error: string }>} */ ({
  'import-broken-file': { at: 40, error: 'Row 1204 of the input: expected 7 columns, found 3' },
})

/** Progress added per step. */
const STEP = 10

/**
 * Where a job fails, if it does: its type's failure, or its own `failAt`.
 *
 * @param {DocumentData} job
 * @returns {{ at: number, error: string } | undefined}
 */
function failureOf(job) {
  const failAt = job.failAt
  if (typeof failAt === 'number' && failAt >= STEP && failAt <= 100) {
    return { at: failAt, error: `The job was asked to fail at ${failAt}%` }
  }
  return FAILURES[String(job.type)]
}

/** Runs the demo's processing jobs in this process. */
export class JobRunner {
  /** @type {Map<string, Promise<void>>} */
  #active = new Map()
  #abort = new AbortController()
  #stepMs
  #now
  #log

  /**
   * @param {{ stepMs?: number, now?: () => number, log?: (message: string, fields: Record<string, unknown>) => void }} [options]
   *   `stepMs`: time between two progress steps (default 300 ms).
   */
  constructor({ stepMs = 300, now = Date.now, log = () => {} } = {}) {
    this.#stepMs = stepMs
    this.#now = now
    this.#log = log
  }

  /** Jobs being run now. */
  get active() {
    return this.#active.size
  }

  /**
   * The `processingJobs` trigger: claims a queued job and runs a running one. Idempotent: it
   * sees every write the runner makes, and a job already running here is left alone.
   *
   * @param {TriggerChange} change
   */
  onWrite = async ({ id, after, metal }) => {
    if (after?.status === 'pending') await this.#claim(metal, id)
    else if (after?.status === 'processing') this.#run(metal, id)
  }

  /**
   * Picks up the jobs a stopped process left: running ones go on from their progress, queued
   * ones are claimed.
   *
   * @param {Metal} metal a privileged client of the demo project
   */
  async resume(metal) {
    const jobs = metal.db().collection('processingJobs')
    const [running, queued] = await Promise.all([
      jobs.where('status', '==', 'processing').get(),
      jobs.where('status', '==', 'pending').get(),
    ])
    for (const doc of running.docs) this.#run(metal, doc.id)
    for (const doc of queued.docs) await this.#claim(metal, doc.id)
  }

  /** Stops every job between two steps (they resume at the next start) and waits for them. */
  async close() {
    this.#abort.abort()
    await Promise.all(this.#active.values())
  }

  /**
   * Moves a queued job to running, once, and starts it.
   *
   * @param {Metal} metal
   * @param {string} id
   */
  async #claim(metal, id) {
    if (this.#abort.signal.aborted) return
    const db = metal.db()
    const ref = db.collection('processingJobs').doc(id)
    const claimed = await db.runTransaction(async (tx) => {
      const snap = await tx.get(ref)
      if (snap.data()?.status !== 'pending') return false
      tx.update(ref, { status: 'processing', progress: 0, startedAt: this.#now() })
      return true
    })
    if (claimed) this.#run(metal, id)
  }

  /**
   * Runs a running job's steps unless this process already does.
   *
   * @param {Metal} metal
   * @param {string} id
   */
  #run(metal, id) {
    if (this.#active.has(id) || this.#abort.signal.aborted) return
    const done = this.#steps(metal, id)
      .catch((error) => this.#log('processing job stopped', { id, error }))
      .finally(() => this.#active.delete(id))
    this.#active.set(id, done)
  }

  /**
   * @param {Metal} metal
   * @param {string} id
   */
  async #steps(metal, id) {
    // Bounded: a job ends after 100 / STEP steps; the bound only guards against a bug.
    for (let i = 0; i <= 100 / STEP + 1; i++) {
      try {
        await sleep(this.#stepMs, undefined, { signal: this.#abort.signal })
      } catch {
        return // closing: the job stays running and resumes at the next start
      }
      if (await this.#step(metal, id)) return
    }
  }

  /**
   * One step of a job: more progress, or its end. True when the job is over (or is no longer
   * running: cancelled, deleted).
   *
   * @param {Metal} metal
   * @param {string} id
   * @returns {Promise<boolean>}
   */
  async #step(metal, id) {
    const db = metal.db()
    const ref = db.collection('processingJobs').doc(id)
    return db.runTransaction(async (tx) => {
      const job = (await tx.get(ref)).data()
      if (!job || job.status !== 'processing') return true
      const progress = Math.min(100, (typeof job.progress === 'number' ? job.progress : 0) + STEP)
      const failure = failureOf(job)
      if (failure && progress >= failure.at) {
        tx.update(ref, {
          status: 'failed',
          progress: failure.at,
          error: failure.error,
          completedAt: this.#now(),
        })
        return true
      }
      if (progress >= 100) {
        tx.update(ref, {
          status: 'completed',
          progress: 100,
          completedAt: this.#now(),
          output: { summary: 'Done: every item was processed' },
        })
        return true
      }
      tx.update(ref, { progress })
      return false
    })
  }
}
