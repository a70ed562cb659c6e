// @ts-check
// The demo's data: a handful of users (one admin, one moderator), a few hundred tasks spread
// over them, some processing jobs and an admin audit trail, shaped like the Firestore schemas
// the project started with (UserProfile, PersonalTask, ProcessingJob). Made by a seeded PRNG,
// so one `now` always gives the same documents; written through a privileged client in batches.

/**
 * @typedef {import('@metal/core').Metal} Metal
 * @typedef {import('@metal/core/engine').DocumentData} DocumentData
 * @typedef {{ id: string, data: DocumentData }} SeedDoc
 * @typedef {'user' | 'admin' | 'moderator'} Role
 * @typedef {{ users: SeedDoc[], tasks: SeedDoc[], processingJobs: SeedDoc[], adminData: SeedDoc[] }} DemoData
 */

/** The seeded users: their ids are what `POST /demo/token` takes. */
export const DEMO_USERS = /** @type {const} */ ([
  { id: 'alice', displayName: 'Alice Admin', role: 'admin', tasks: 30 },
  { id: 'marcus', displayName: 'Marcus Moderator', role: 'moderator', tasks: 40 },
  { id: 'priya', displayName: 'Priya Patel', role: 'user', tasks: 70 },
  { id: 'tom', displayName: 'Tom Becker', role: 'user', tasks: 60 },
  { id: 'lena', displayName: 'Lena Ortiz', role: 'user', tasks: 55 },
  { id: 'sam', displayName: 'Sam Okafor', role: 'user', tasks: 45 },
])

/** Number of seeded tasks (the sum over {@link DEMO_USERS}). */
export const TASK_COUNT = DEMO_USERS.reduce((n, u) => n + u.tasks, 0)

/** What each role may do, as the profile's `permissions` list (shown in the app). */
const PERMISSIONS = {
  admin: ['tasks:read-all', 'tasks:write-all', 'users:manage', 'jobs:manage', 'admin:read'],
  moderator: ['tasks:read-all', 'users:read'],
  user: ['tasks:own', 'jobs:own'],
}

const DAY = 86_400_000
const CATEGORIES = ['Work', 'Personal', 'Health', 'Learning', 'Finance', 'Home']
const TAGS = [
  'urgent',
  'backend',
  'frontend',
  'design',
  'meeting',
  'review',
  'research',
  'errand',
  'reading',
  'bug',
  'planning',
  'writing',
]
const VERBS = [
  'Write',
  'Review',
  'Plan',
  'Fix',
  'Draft',
  'Prepare',
  'Update',
  'Call',
  'Book',
  'Clean up',
]
const OBJECTS = [
  'the quarterly report',
  'onboarding checklist',
  'dentist appointment',
  'sprint backlog',
  'flaky login test',
  'team offsite agenda',
  'tax documents',
  'garden shed',
  'conference talk',
  'release notes',
  'budget spreadsheet',
  'reading list',
  'customer feedback',
  'API pagination',
  'kitchen shelves',
]
const STEPS = ['Gather notes', 'Outline', 'First pass', 'Ask for feedback', 'Polish', 'Send it']
/** Statuses of PersonalTask, most tasks not yet done. */
const STATUSES = [
  'todo',
  'todo',
  'todo',
  'in-progress',
  'in-progress',
  'completed',
  'completed',
  'cancelled',
]
const PRIORITIES = ['low', 'medium', 'medium', 'high', 'urgent']

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence.
 *
 * @param {number} seed
 * @returns {() => number} numbers in [0, 1)
 */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * The demo's documents for the day of `now` (dates are relative to it: due soon, overdue, done
 * last week). The same `now` day always gives the same documents.
 *
 * @param {{ now?: number, seed?: number }} [options]
 * @returns {DemoData}
 */
export function demoData({ now = Date.now(), seed = 20_260_101 } = {}) {
  const random = prng(seed)
  const today = Math.floor(now / DAY) * DAY
  /** @template T @param {readonly T[]} items @returns {T} */
  const pick = (items) => /** @type {T} */ (items[Math.floor(random() * items.length)])
  /** @param {number} lo @param {number} hi */
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1))

  /** @type {SeedDoc[]} */
  const users = DEMO_USERS.map((u, i) => ({
    id: u.id,
    data: {
      displayName: u.displayName,
      email: `${u.id}@example.com`,
      role: u.role,
      permissions: PERMISSIONS[u.role],
      preferences: {
        theme: pick(['light', 'dark', 'system']),
        language: 'en',
        notifications: { email: random() < 0.7, push: random() < 0.5 },
      },
      progress: { level: int(1, 12), xp: int(0, 5000), streak: int(0, 30) },
      createdAt: today - (90 - i * 7) * DAY,
      updatedAt: today - int(0, 10) * DAY,
    },
  }))

  /** @type {SeedDoc[]} */
  const tasks = []
  for (const user of DEMO_USERS) {
    for (let k = 0; k < user.tasks; k++) {
      const n = tasks.length + 1
      const status = pick(STATUSES)
      const createdAt = today - int(1, 60) * DAY + int(8, 18) * 3_600_000
      const estimated = int(1, 32) * 15
      const subtasks = Array.from({ length: int(0, 4) }, (_, s) => ({
        id: `s${s + 1}`,
        title: /** @type {string} */ (STEPS[s]),
        done: status === 'completed' || (status === 'in-progress' && random() < 0.5),
      }))
      const tags = [...new Set(Array.from({ length: int(1, 3) }, () => pick(TAGS)))]
      /** @type {DocumentData} */
      const data = {
        userId: user.id,
        title: `${pick(VERBS)} ${pick(OBJECTS)}`,
        description: `Task ${n} of the demo: ${pick(['a quick one', 'needs focus', 'blocked on a reply', 'nice to have', 'due to the team'])}.`,
        priority: pick(PRIORITIES),
        status,
        category: pick(CATEGORIES),
        tags,
        estimatedDuration: estimated,
        subtasks,
        createdAt,
        updatedAt: Math.min(now, createdAt + int(0, 10) * DAY),
      }
      // A calendar day, as a date field of a form holds it.
      if (random() < 0.9)
        data.dueDate = new Date(today + int(-10, 30) * DAY).toISOString().slice(0, 10)
      if (status === 'completed' || status === 'in-progress') {
        data.actualDuration = Math.max(5, Math.round(estimated * (0.5 + random())))
      }
      tasks.push({ id: `task-${String(n).padStart(3, '0')}`, data })
    }
  }

  /** @type {SeedDoc[]} */
  const processingJobs = [
    job('job-001', 'priya', 'video-processing', 'completed', 3),
    job('job-002', 'priya', 'import-broken-file', 'failed', 2),
    job('job-003', 'tom', 'audio-generation', 'completed', 2),
    job('job-004', 'lena', 'batch-operation', 'completed', 1),
    job('job-005', 'sam', 'batch-operation', 'failed', 1),
    job('job-006', 'alice', 'video-processing', 'completed', 1),
  ]

  /**
   * @param {string} id @param {string} userId @param {string} type
   * @param {'completed' | 'failed'} status @param {number} daysAgo
   * @returns {SeedDoc}
   */
  function job(id, userId, type, status, daysAgo) {
    const createdAt = today - daysAgo * DAY + 10 * 3_600_000
    return {
      id,
      data: {
        userId,
        type,
        status,
        input: { source: `${type}-${id}.dat`, items: int(10, 500) },
        progress: status === 'completed' ? 100 : 40,
        createdAt,
        startedAt: createdAt + 1000,
        completedAt: createdAt + 4000,
        ...(status === 'failed'
          ? { error: 'Row 1204 of the input: expected 7 columns, found 3' }
          : { output: { summary: 'Done: every item was processed' } }),
      },
    }
  }

  /** @type {SeedDoc[]} */
  const adminData = [
    ['audit-001', 'user.created', 'alice', 'sam', 30],
    ['audit-002', 'user.role-changed', 'alice', 'marcus', 20],
    ['audit-003', 'task.reassigned', 'alice', 'tom', 6],
    ['audit-004', 'job.failed', 'system', 'priya', 2],
    ['audit-005', 'settings.changed', 'alice', null, 1],
  ].map(([id, action, actor, target, daysAgo]) => ({
    id: /** @type {string} */ (id),
    data: {
      kind: 'audit',
      action,
      actor,
      target,
      at: today - /** @type {number} */ (daysAgo) * DAY + 9 * 3_600_000,
    },
  }))

  return { users, tasks, processingJobs, adminData }
}

/** Documents per commit. */
const BATCH = 100

/**
 * Writes the demo's documents with a privileged client (one that no rule applies to), in
 * commits of up to 100 documents. Users go last: a database with users is a seeded one, so a
 * seed cut short is done again whole at the next start. Writing is idempotent (ids are fixed).
 *
 * @param {Metal} metal a privileged client of the demo project
 * @param {{ now?: number }} [options]
 * @returns {Promise<{ [collection: string]: number }>} documents written per collection
 */
export async function seed(metal, options = {}) {
  const data = demoData(options)
  const db = metal.db()
  /** @type {{ [collection: string]: number }} */
  const counts = {}
  for (const name of /** @type {const} */ (['adminData', 'processingJobs', 'tasks', 'users'])) {
    const docs = data[name]
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = db.batch()
      for (const { id, data: doc } of docs.slice(i, i + BATCH)) {
        batch.set(db.collection(name).doc(id), doc)
      }
      await batch.commit()
    }
    counts[name] = docs.length
  }
  return counts
}

/**
 * Seeds the demo when the database has no users (its first start, or after a seed cut short).
 *
 * @param {Metal} metal a privileged client of the demo project
 * @param {{ now?: number }} [options]
 * @returns {Promise<boolean>} true when it seeded
 */
export async function seedIfEmpty(metal, options = {}) {
  const some = await metal.db().collection('users').limit(1).get()
  if (!some.empty) return false
  await seed(metal, options)
  return true
}
