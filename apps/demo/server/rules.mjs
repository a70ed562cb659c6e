// @ts-check
// The demo's access rules, enforced by the server for every read, query, live change, write and
// presence room of a signed-in browser (the app hides what a user may not do, but it is these
// rules that refuse it). The session's `role` is the token's `role` claim (admin, moderator or
// user). Rules are not filters: a query is allowed only when every document it can return is
// readable, so a user's task query must say `where('userId', '==', <their id>)`.

/**
 * @typedef {import('@metal/core/server').RulesConfig} RulesConfig
 * @typedef {import('@metal/core/server').RuleContext} RuleContext
 * @typedef {import('@metal/core/engine').DocumentData} DocumentData
 */

/** @param {RuleContext} ctx */
const signedIn = (ctx) => ctx.auth !== null

/** @param {RuleContext} ctx */
const isAdmin = (ctx) => ctx.auth !== null && ctx.auth.role === 'admin'

/**
 * True when `doc` exists and belongs to the caller (`doc.userId` is their id).
 *
 * @param {RuleContext} ctx
 * @param {DocumentData | null} doc
 */
const owns = (ctx, doc) => ctx.auth !== null && doc !== null && doc.userId === ctx.auth.userId

/**
 * True when `a` and `b` hold the same JSON value (profiles' roles and permission lists).
 *
 * @param {unknown} a
 * @param {unknown} b
 */
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

/** Job states a user may cancel from. */
const CANCELLABLE = new Set(['pending', 'processing'])

/**
 * True when the update only cancels a queued or running job (status and `cancelledAt`).
 *
 * @param {RuleContext} ctx
 */
function onlyCancels(ctx) {
  const before = ctx.doc
  const after = ctx.newDoc
  if (!before || !after || !CANCELLABLE.has(String(before.status))) return false
  if (after.status !== 'cancelled') return false
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (key === 'status' || key === 'cancelledAt') continue
    if (!same(before[key], after[key])) return false
  }
  return true
}

/**
 * The demo's rules:
 *
 * - `users`: every signed-in user reads the directory (names and roles for assignees); only
 *   admins create, delete or change anyone's role or permissions; a user updates their own
 *   profile but not its `role` or `permissions`.
 * - `tasks`: a user reads and writes their own (`userId` is theirs, before and after: nobody
 *   hands a task to someone else); moderators read every task; admins read and write all.
 * - `processingJobs`: a user reads their own, creates their own `pending` jobs, cancels them and
 *   deletes them; progress is the server's (its trigger writes it). Admins read and delete all.
 * - `adminData` (the audit trail): admins only.
 * - presence: any room, for signed-in users.
 *
 * @type {RulesConfig}
 */
export const demoRules = {
  documents: {
    'users/{userId}': {
      read: signedIn,
      create: isAdmin,
      delete: isAdmin,
      update: (ctx) =>
        isAdmin(ctx) ||
        (ctx.auth !== null &&
          ctx.auth.userId === ctx.path.params.userId &&
          ctx.doc !== null &&
          ctx.newDoc !== null &&
          same(ctx.doc.role, ctx.newDoc.role) &&
          same(ctx.doc.permissions, ctx.newDoc.permissions)),
    },
    'tasks/{taskId}': {
      read: (ctx) => isAdmin(ctx) || ctx.auth?.role === 'moderator' || owns(ctx, ctx.doc),
      create: (ctx) => isAdmin(ctx) || owns(ctx, ctx.newDoc),
      update: (ctx) => isAdmin(ctx) || (owns(ctx, ctx.doc) && owns(ctx, ctx.newDoc)),
      delete: (ctx) => isAdmin(ctx) || owns(ctx, ctx.doc),
    },
    'processingJobs/{jobId}': {
      read: (ctx) => isAdmin(ctx) || owns(ctx, ctx.doc),
      create: (ctx) =>
        (isAdmin(ctx) || owns(ctx, ctx.newDoc)) &&
        ctx.newDoc?.status === 'pending' &&
        (ctx.newDoc.progress === undefined || ctx.newDoc.progress === 0),
      update: (ctx) => (isAdmin(ctx) || owns(ctx, ctx.doc)) && onlyCancels(ctx),
      delete: (ctx) => isAdmin(ctx) || owns(ctx, ctx.doc),
    },
    'adminData/{docId}': {
      read: isAdmin,
      write: isAdmin,
    },
  },
  presence: signedIn,
}
