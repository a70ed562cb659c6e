// @ts-check
// The access rules of the seed project (an app with users, their tasks, processing jobs and an
// admin area), written for a Metal server. They are the Firestore rules the project started
// with, rule for rule:
//
//   match /users/{userId}          { allow read, write: if request.auth != null && request.auth.uid == userId; }
//   match /tasks/{taskId}          { allow read, write: if request.auth != null && resource.data.userId == request.auth.uid; }
//   match /processingJobs/{jobId}  { allow read, write: if request.auth != null && resource.data.userId == request.auth.uid; }
//   match /adminData/{document}    { allow read, write: if request.auth != null && request.auth.token.role == 'admin'; }
//
// Metal's names for Firestore's: `auth` is `request.auth` (`auth.userId` is `uid`, `auth.role`
// the token's `role` claim), `doc` is `resource.data` (null when the document does not exist),
// `newDoc` is `request.resource.data`, `path.params` holds the `{name}` segments. As in Firestore,
// rules are not filters: a query is allowed only when every document it can return is readable,
// and refused as a whole otherwise; a path no pattern matches is refused.
//
// Use it: `createServer({ rules: seedRules, verifyToken })` (see metal.config.mjs).

/**
 * @typedef {import('@metal/core/server').RulesConfig} RulesConfig
 * @typedef {import('@metal/core/server').CollectionRules} CollectionRules
 * @typedef {import('@metal/core/server').RuleContext} RuleContext
 * @typedef {import('@metal/core/engine').DocumentData} DocumentData
 */

/**
 * True when the caller is signed in and `doc` belongs to them (`doc.userId` is their id).
 * A missing document belongs to no one.
 *
 * @param {RuleContext} ctx
 * @param {DocumentData | null} doc
 * @returns {boolean}
 */
function ownedByCaller(ctx, doc) {
  return ctx.auth !== null && doc !== null && doc.userId === ctx.auth.userId
}

/**
 * The rules of a collection whose documents carry their owner in `userId` (`tasks`,
 * `processingJobs`). Firestore's original, `allow read, write: if request.auth != null &&
 * resource.data.userId == request.auth.uid`, is kept for reads and splits by write:
 *
 * - `read` (get, queries, live queries): the stored document is the caller's. A query must
 *   prove it, with `where('userId', '==', <their id>)`; a query for all documents, or for
 *   another user's, is refused as a whole (`permission-denied`), and a live query ends when a
 *   document that is not theirs would enter it.
 * - `create`: the new document is the caller's. (Firestore's rule reads `resource`, which is
 *   null on create, so it refused every create; the app's intent is that a user creates their
 *   own.)
 * - `update`: the document is the caller's before and after, so nobody hands a document to
 *   another user, or takes one.
 * - `delete`: the document is the caller's.
 *
 * @returns {CollectionRules}
 */
function ownedByUserId() {
  return {
    read: (ctx) => ownedByCaller(ctx, ctx.doc),
    create: (ctx) => ownedByCaller(ctx, ctx.newDoc),
    update: (ctx) => ownedByCaller(ctx, ctx.doc) && ownedByCaller(ctx, ctx.newDoc),
    delete: (ctx) => ownedByCaller(ctx, ctx.doc),
  }
}

/**
 * The seed project's rules.
 *
 * @type {RulesConfig}
 */
export const seedRules = {
  documents: {
    /**
     * A user reads and writes only their own profile, `users/{their id}`
     * (`request.auth != null && request.auth.uid == userId`). A query of `users` is refused:
     * it cannot prove that it returns only the caller's profile.
     */
    'users/{userId}': {
      read: (ctx) => ctx.auth !== null && ctx.auth.userId === ctx.path.params.userId,
      write: (ctx) => ctx.auth !== null && ctx.auth.userId === ctx.path.params.userId,
    },
    /** Tasks belong to the user in their `userId` field. */
    'tasks/{taskId}': ownedByUserId(),
    /** Processing jobs belong to the user in their `userId` field. */
    'processingJobs/{jobId}': ownedByUserId(),
    /**
     * Only admins read and write the admin area (`request.auth.token.role == 'admin'`): the
     * session's `role` is the token's `role` claim.
     */
    'adminData/{document}': {
      read: (ctx) => ctx.auth !== null && ctx.auth.role === 'admin',
      write: (ctx) => ctx.auth !== null && ctx.auth.role === 'admin',
    },
  },
}
