import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { Metal } from '@metal/core'
import { eventually } from '@metal/core/testing'
import { startDemo, type Demo, type DemoOptions } from '../demo.mjs'
import { DEMO_USERS, TASK_COUNT } from '../seed.mjs'
import { databases, freshPostgres, NOW, outcome, rawGet } from './support.js'

// The demo's server end to end, on a real server on 127.0.0.1: PGlite in a temporary folder,
// and PostgreSQL (a fresh database) when DATABASE_URL is set. Users sign in with the demo's
// token endpoint and are judged by its rules over a real WebSocket client and the REST API.

describe.each(databases)('the demo server on $name', ({ postgres }) => {
  let root: string
  let dataDir: string
  let staticDir: string
  let databaseUrl: string | null = null
  let dropDatabase: (() => Promise<void>) | undefined
  let demo: Demo
  const clients: Metal[] = []

  const options = (): DemoOptions => ({
    port: 0,
    dataDir,
    databaseUrl,
    staticDir,
    log: false,
    jobStepMs: 50,
    now: NOW,
  })

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'metal-demo-'))
    dataDir = join(root, 'data')
    staticDir = join(root, 'dist')
    await mkdir(join(staticDir, 'assets'), { recursive: true })
    await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>Metal demo</title>')
    await writeFile(join(staticDir, 'assets', 'app-3f2a.js'), 'console.log("app")')
    await writeFile(join(root, 'secret.txt'), 'not for the web')
    if (postgres) {
      const db = await freshPostgres()
      databaseUrl = db.url
      dropDatabase = db.drop
    }
    demo = await startDemo(options())
  })

  afterAll(async () => {
    for (const c of clients) c.close()
    await demo?.close()
    await dropDatabase?.()
    await rm(root, { recursive: true, force: true })
  })

  async function token(userId: string): Promise<string> {
    const res = await fetch(`${demo.url}/demo/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    })
    expect(res.status).toBe(200)
    return ((await res.json()) as { token: string }).token
  }

  /** A browser-like client of the demo signed in as `userId`. */
  async function signedIn(userId: string): Promise<Metal> {
    const metal = new Metal({
      url: demo.url,
      apiKey: 'demo-key',
      projectId: 'demo',
      WebSocket: WebSocket as never,
      auth: { persistence: false },
      watchBrowserNetwork: false,
      sync: { storage: false },
    })
    clients.push(metal)
    await metal.auth().authenticate({ type: 'jwt', token: await token(userId) })
    return metal
  }

  function rest(path: string, bearer: string, init: RequestInit = {}) {
    return fetch(`${demo.url}/v1/projects/demo/collections/${path}`, {
      ...init,
      headers: {
        'x-metal-api-key': 'demo-key',
        authorization: `Bearer ${bearer}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    })
  }

  it('seeds six users, 300 tasks, processing jobs and the audit trail on its first start', async () => {
    const db = demo.metal.db()
    const [users, tasks, jobs, audit] = await Promise.all(
      ['users', 'tasks', 'processingJobs', 'adminData'].map((c) => db.collection(c).get()),
    )

    expect(demo.seeded).toBe(true)
    expect(users!.size).toBe(6)
    expect(tasks!.size).toBe(300)
    expect(TASK_COUNT).toBe(300)
    expect(jobs!.docs.map((d) => d.data()!.status).sort()).toEqual([
      'completed',
      'completed',
      'completed',
      'completed',
      'failed',
      'failed',
    ])
    expect(audit!.size).toBe(5)
    const task = tasks!.docs[0]!.data()!
    expect(Object.keys(task)).toEqual(
      expect.arrayContaining([
        'userId',
        'title',
        'description',
        'priority',
        'status',
        'category',
        'tags',
        'estimatedDuration',
        'subtasks',
        'createdAt',
        'updatedAt',
      ]),
    )
    const mine = tasks!.docs.filter((d) => d.data()!.userId === 'priya')
    expect(mine.length).toBe(DEMO_USERS.find((u) => u.id === 'priya')!.tasks)
  })

  it('GET /demo/users lists the seeded users for the sign-in picker', async () => {
    const res = await fetch(`${demo.url}/demo/users`)
    const { users } = (await res.json()) as { users: { id: string; role: string }[] }

    expect(res.status).toBe(200)
    expect(users.map((u) => `${u.id}:${u.role}`).sort()).toEqual([
      'alice:admin',
      'lena:user',
      'marcus:moderator',
      'priya:user',
      'sam:user',
      'tom:user',
    ])
    expect(Object.keys(users[0]!).sort()).toEqual(['displayName', 'id', 'role'])
  })

  it('POST /demo/token signs a 1-hour JWT for a seeded user, and refuses unknown users and bad bodies', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${demo.url}/demo/token`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      })

    const ok = await post(JSON.stringify({ userId: 'alice' }))
    const { token, expiresAt } = (await ok.json()) as { token: string; expiresAt: number }
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      sub: string
      role: string
      name: string
      iat: number
      exp: number
    }
    const unknown = await post(JSON.stringify({ userId: 'mallory' }))
    const notJson = await post('{userId')
    const noUser = await post(JSON.stringify({ user: 'alice' }))
    const badId = await post(JSON.stringify({ userId: '../alice' }))
    const wrongType = await post('userId=alice', 'application/x-www-form-urlencoded')
    const get = await fetch(`${demo.url}/demo/token`)

    expect(ok.status).toBe(200)
    expect(claims).toMatchObject({ sub: 'alice', role: 'admin', name: 'Alice Admin' })
    expect(claims.exp - claims.iat).toBe(3600)
    expect(expiresAt).toBe(claims.exp * 1000)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({
      error: { code: 'not-found', message: "POST /demo/token: no user 'mallory'" },
    })
    expect([notJson.status, noUser.status, badId.status, wrongType.status, get.status]).toEqual([
      400, 400, 400, 415, 405,
    ])
  })

  it("lets a user's client read their own tasks and refuses another user's, or all", async () => {
    const metal = await signedIn('priya')
    const tasks = metal.db().collection('tasks')

    const tomsTask = (
      await demo.metal.db().collection('tasks').where('userId', '==', 'tom').limit(1).get()
    ).docs[0]!.id

    const own = await tasks.where('userId', '==', 'priya').get()
    const others = await outcome(tasks.where('userId', '==', 'tom').get())
    const all = await outcome(tasks.get())
    const oneOfTom = await outcome(tasks.doc(tomsTask).get())

    expect(own.size).toBe(70)
    expect(own.docs.every((d) => d.data()!.userId === 'priya')).toBe(true)
    expect([others, all, oneOfTom]).toEqual([
      'permission-denied',
      'permission-denied',
      'permission-denied',
    ])
  })

  it("refuses a user's REST query of all tasks or another user's (403) and answers their own", async () => {
    const bearer = await token('tom')
    const where = (uid: string) =>
      `tasks/docs?where=${encodeURIComponent(JSON.stringify(['userId', '==', uid]))}&limit=1000`

    const own = await rest(where('tom'), bearer)
    const others = await rest(where('priya'), bearer)
    const all = await rest('tasks/docs', bearer)
    const audit = await rest('adminData/docs', bearer)

    expect(own.status).toBe(200)
    expect(((await own.json()) as { documents: unknown[] }).documents).toHaveLength(60)
    expect(others.status).toBe(403)
    expect(all.status).toBe(403)
    expect(audit.status).toBe(403)
    expect(((await all.json()) as { error: { code: string } }).error.code).toBe('permission-denied')
  })

  it('lets an admin read every task and the audit trail, which records sign-ins', async () => {
    const metal = await signedIn('alice')
    const db = metal.db()

    const tasks = await db.collection('tasks').get()
    const audit = await db.collection('adminData').where('action', '==', 'user.signed-in').get()
    const viaRest = await rest('tasks/docs?limit=1000', await token('alice'))

    expect(tasks.size).toBe(300)
    expect(audit.docs.map((d) => d.data()!.actor)).toContain('alice')
    expect(viaRest.status).toBe(200)
    expect(((await viaRest.json()) as { documents: unknown[] }).documents).toHaveLength(300)
  })

  it('refuses a user handing their task to someone else or changing their own role', async () => {
    const metal = await signedIn('lena')
    const db = metal.db()
    const mine = (await db.collection('tasks').where('userId', '==', 'lena').limit(1).get())
      .docs[0]!

    const ownUpdate = await outcome(
      db.collection('tasks').doc(mine.id).update({ status: 'in-progress' }),
    )
    const handOver = await outcome(db.collection('tasks').doc(mine.id).update({ userId: 'sam' }))
    const promote = await outcome(db.collection('users').doc('lena').update({ role: 'admin' }))
    const profile = await outcome(
      db.collection('users').doc('lena').update({ 'preferences.theme': 'dark' }),
    )
    const createOther = await outcome(
      db.collection('users').doc('eve').set({ displayName: 'Eve', role: 'admin' }),
    )

    expect({ ownUpdate, handOver, promote, profile, createOther }).toEqual({
      ownUpdate: 'ok',
      handOver: 'permission-denied',
      promote: 'permission-denied',
      profile: 'ok',
      createOther: 'permission-denied',
    })
    const lena = (await demo.metal.db().collection('users').doc('lena').get()).data()!
    expect(lena.role).toBe('user')
    expect((lena.preferences as { theme: string }).theme).toBe('dark')
  })

  it('runs a queued job: its progress advances live to 100 and it completes', async () => {
    const metal = await signedIn('sam')
    const jobs = metal.db().collection('processingJobs')
    const seen: number[] = []
    const ref = await jobs.add({
      userId: 'sam',
      type: 'batch-operation',
      status: 'pending',
      progress: 0,
      createdAt: Date.now(),
    })
    const unsubscribe = ref.subscribe((_changes, snap) => {
      const p = snap.data()?.progress
      if (typeof p === 'number' && seen.at(-1) !== p) seen.push(p)
    })

    await eventually(async () => {
      expect((await ref.get()).data()?.status).toBe('completed')
    }, 20_000)
    await eventually(() => expect(seen.at(-1)).toBe(100))
    unsubscribe()

    const job = (await ref.get()).data()!
    expect(job.progress).toBe(100)
    expect(job.startedAt).toEqual(expect.any(Number))
    expect(job.completedAt).toEqual(expect.any(Number))
    // Live: the client saw the bar move through intermediate steps, in order.
    expect(seen.filter((p) => p > 0 && p < 100).length).toBeGreaterThanOrEqual(3)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('ends a failing job as failed, with its error, at the progress it reached', async () => {
    const metal = await signedIn('sam')
    const ref = await metal.db().collection('processingJobs').add({
      userId: 'sam',
      type: 'import-broken-file',
      status: 'pending',
      progress: 0,
    })

    await eventually(async () => {
      expect((await ref.get()).data()?.status).toBe('failed')
    }, 20_000)

    const job = (await ref.get()).data()!
    expect(job.progress).toBe(40)
    expect(job.error).toMatch(/expected 7 columns/)
  })

  it("refuses a user's job that is not queued, or writing a job's progress", async () => {
    const metal = await signedIn('tom')
    const jobs = metal.db().collection('processingJobs')

    const mine = (await jobs.where('userId', '==', 'tom').get()).docs[0]!

    const done = await outcome(
      jobs.add({ userId: 'tom', type: 'batch-operation', status: 'completed', progress: 100 }),
    )
    const forSomeoneElse = await outcome(
      jobs.add({ userId: 'sam', type: 'batch-operation', status: 'pending' }),
    )
    const progress = await outcome(jobs.doc(mine.id).update({ progress: 50 }))

    expect({ done, forSomeoneElse, progress }).toEqual({
      done: 'permission-denied',
      forSomeoneElse: 'permission-denied',
      progress: 'permission-denied',
    })
  })

  it('serves the app with content types and cache headers, index.html for app routes, nothing outside its folder', async () => {
    const index = await fetch(`${demo.url}/`)
    const asset = await fetch(`${demo.url}/assets/app-3f2a.js`)
    const route = await fetch(`${demo.url}/tasks/task-001`)
    const missing = await fetch(`${demo.url}/assets/missing.js`)
    const traversals = await Promise.all(
      [
        '/../secret.txt',
        '/..%2fsecret.txt',
        '/%2e%2e/secret.txt',
        '/assets/..%2f..%2fsecret.txt',
      ].map((p) => rawGet(demo.url, p)),
    )
    const post = await fetch(`${demo.url}/`, { method: 'POST' })

    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toBe('text/html;charset=utf-8')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    expect(await index.text()).toContain('<title>Metal demo</title>')
    expect(asset.headers.get('content-type')).toBe('text/javascript')
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(route.status).toBe(200)
    expect(await route.text()).toContain('<title>Metal demo</title>')
    expect(missing.status).toBe(404)
    for (const t of traversals) {
      expect(t.body).not.toContain('not for the web')
    }
    expect(post.status).toBe(404)
  })

  it('keeps its data, tokens and running jobs across a stop and a restart', async () => {
    const bearer = await token('priya')
    await demo.metal.db().collection('tasks').doc('task-001').update({ title: 'Survives restarts' })
    await demo.close()
    // Slow steps, so the job is still running when the server stops.
    demo = await startDemo({ ...options(), jobStepMs: 400 })
    const metal = await signedIn('priya')
    const ref = await metal.db().collection('processingJobs').add({
      userId: 'priya',
      type: 'audio-generation',
      status: 'pending',
      progress: 0,
    })
    await eventually(async () => {
      expect((await ref.get()).data()?.progress).toBeGreaterThanOrEqual(20)
    }, 20_000)
    const atStop = (await ref.get()).data()!
    await demo.close()

    demo = await startDemo(options())

    expect(atStop.status).toBe('processing')
    expect(atStop.progress).toBeLessThan(100)
    expect(demo.seeded).toBe(false)
    const task = (await demo.metal.db().collection('tasks').doc('task-001').get()).data()!
    expect(task.title).toBe('Survives restarts')
    const own = await rest(
      `tasks/docs?where=${encodeURIComponent(JSON.stringify(['userId', '==', 'priya']))}&limit=1`,
      bearer,
    )
    expect(own.status).toBe(200)
    const job = demo.metal.db().collection('processingJobs').doc(ref.id)
    await eventually(async () => {
      expect((await job.get()).data()?.status).toBe('completed')
    }, 20_000)
    expect((await job.get()).data()?.progress).toBe(100)
  })

  it('wipes and seeds again with reset', async () => {
    await demo.metal.db().collection('tasks').doc('extra').set({ userId: 'tom', title: 'Extra' })
    await demo.close()

    demo = await startDemo({ ...options(), reset: true })

    expect(demo.seeded).toBe(true)
    expect((await demo.metal.db().collection('tasks').doc('extra').get()).exists).toBe(false)
    expect(
      (await demo.metal.db().collection('tasks').doc('task-001').get()).data()?.title,
    ).not.toBe('Survives restarts')
    expect((await demo.metal.db().collection('tasks').get()).size).toBe(300)
  })
})
