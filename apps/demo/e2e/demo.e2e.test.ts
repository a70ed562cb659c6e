// The demo end to end, as users meet it: the demo server (Metal on PGlite, seeded) serving the
// built app, and Debian's Chromium with one browser context per signed-in user.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo } from '../server/demo.mjs'
import { browserAvailable, launch } from './browser.js'

const chromium = browserAvailable('@metal/demo e2e')
const appDir = join(import.meta.dirname, '..')
const shots = process.env.METAL_DEMO_SCREENSHOTS === '1' ? join(appDir, 'screenshots') : null

interface DemoUser {
  id: string
  displayName: string
  role: string
}

describe.skipIf(!chromium)('the demo app in Chromium', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'metal-demo-e2e-'))
  let demo: Awaited<ReturnType<typeof startDemo>>
  let port = 0
  let browser: Browser
  let users: DemoUser[]
  let admin: DemoUser
  let ann: DemoUser // a user whose task is edited
  let other: DemoUser // a user who must not see it
  let a: Page
  let b: Page
  const contexts: BrowserContext[] = []

  async function start() {
    demo = await startDemo({
      port,
      dataDir,
      staticDir: join(appDir, 'dist'),
      // The embedded default, whatever DATABASE_URL says: each run starts from a fresh seed.
      databaseUrl: null,
      log: false,
      jwtSecret: 'e2e-secret-that-is-at-least-32-bytes-long',
    })
    port = Number(new URL(demo.url).port)
  }

  async function openAs(user: DemoUser, width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 860 } })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => console.error(`[${user.displayName}] page error: ${e.message}`))
    await page.goto(demo.url)
    await page.getByRole('button', { name: new RegExp(user.displayName) }).click()
    await page.getByRole('navigation', { name: 'Pages', exact: true }).waitFor()
    return page
  }

  async function token(user: DemoUser): Promise<string> {
    const res = await fetch(`${demo.url}/demo/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: user.id }),
    })
    return ((await res.json()) as { token: string }).token
  }

  async function rest(user: DemoUser, path: string, init: RequestInit = {}) {
    return fetch(`${demo.url}/v1/projects/demo/collections/${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await token(user)}`,
        'x-metal-api-key': 'demo-key',
        'content-type': 'application/json',
        ...init.headers,
      },
    })
  }

  /** Types into the table's search box, leaving the rows that match. */
  async function search(page: Page, text: string) {
    const box = page.getByRole('searchbox', { name: 'Search' })
    await box.fill(text)
  }

  function row(page: Page, text: string) {
    return page.getByRole('row').filter({ hasText: text })
  }

  /**
   * Edits a task's title in the table (double-click the cell, type, Enter). The search stays
   * 'Shared task' throughout: a new search is a new query, which an offline client cannot run.
   */
  async function editTitle(page: Page, from: string, to: string): Promise<number> {
    await search(page, 'Shared task')
    await row(page, from).getByRole('gridcell', { name: from, exact: true }).dblclick()
    const editor = page.getByRole('grid').getByRole('textbox', { name: 'Title' })
    await editor.fill(to)
    await editor.press('Enter')
    return Date.now()
  }

  let taskId: string
  /** The shared task's title as the tests leave it. */
  let title = 'Shared task 1'

  beforeAll(async () => {
    if (!existsSync(join(appDir, 'dist', 'index.html'))) {
      throw new Error('the app is not built: run `npm run build -w @metal/demo` first')
    }
    await start()
    ;({ users } = (await (await fetch(`${demo.url}/demo/users`)).json()) as { users: DemoUser[] })
    admin = users.find((u) => u.role === 'admin')!
    const plain = users.filter((u) => u.role === 'user')
    ann = plain[0]!
    other = plain[1]!
    const created = await rest(ann, 'tasks/docs', {
      method: 'POST',
      body: JSON.stringify({
        userId: ann.id,
        title: 'Shared task 1',
        status: 'todo',
        priority: 'high',
        category: 'Work',
        tags: [],
        subtasks: [],
        createdAt: Date.now(),
        updatedAt: Date.now(),
      }),
    })
    expect(created.status).toBe(201)
    taskId = ((await created.json()) as { id: string }).id
    browser = await launch(chromium!)
  }, 60_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {})
    await browser?.close()
    await demo?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('two users signed in on two browsers both appear in presence', async () => {
    a = await openAs(ann)
    b = await openAs(admin)
    for (const [page, them] of [
      [a, admin],
      [b, ann],
    ] as const) {
      await page
        .getByRole('list', { name: 'Online now' })
        .getByRole('img', { name: new RegExp(`^${them.displayName}, on Tasks`) })
        .waitFor()
    }
  })

  it('an edit by one user reaches the other live', async () => {
    await search(b, 'Shared task')
    await row(b, 'Shared task 1').waitFor()
    const sent = await editTitle(a, 'Shared task 1', 'Shared task 2')
    await row(b, 'Shared task 2').waitFor({ timeout: 5_000 })
    const latency = Date.now() - sent
    console.log(`an edit reached the other browser ${latency} ms after Enter`)
    expect(latency).toBeLessThan(1_000)
    expect(await row(b, 'Shared task 1').count()).toBe(0)
    title = 'Shared task 2'
  })

  it('a user can neither see nor fetch another user’s tasks', async () => {
    const c = await openAs(other)
    await search(c, 'Shared task')
    await c
      .getByText(/No rows|No results|Nothing/i)
      .first()
      .waitFor()
    expect(await row(c, 'Shared task').count()).toBe(0)
    expect((await rest(other, `tasks/docs/${taskId}`)).status).toBe(403)
    expect((await rest(other, 'tasks/docs')).status).toBe(403)
    expect((await rest(ann, `tasks/docs/${taskId}`)).status).toBe(200)
    await c.context().close()
  })

  /** Turns the app's "Work offline" switch on or off. */
  async function setOffline(page: Page, offline: boolean, settled = true) {
    const toggle = page.getByRole('switch', { name: 'Work offline' })
    if ((await toggle.isChecked()) !== offline) await toggle.click()
    if (!settled) return
    await page
      .getByRole('status')
      .filter({ hasText: offline ? 'Offline' : 'Online' })
      .first()
      .waitFor()
  }

  it('who edits a task shows on its row and in the form, which flags their saved change', async () => {
    await search(a, 'Shared task')
    await search(b, 'Shared task')
    // B (the admin) opens the task's edit dialog: A's row shows who edits it.
    await row(b, title).getByRole('button', { name: /^Edit/ }).click()
    const bForm = b.getByRole('dialog', { name: 'Edit Task' })
    await bForm.getByRole('textbox', { name: /^Title/ }).waitFor()
    await row(a, title)
      .getByRole('img', { name: `${admin.displayName} is editing` })
      .waitFor()
    // A opens it too, then B saves a change: A's form names B in its banner.
    await row(a, title).getByRole('button', { name: /^Edit/ }).click()
    const aForm = a.getByRole('dialog', { name: 'Edit Task' })
    await aForm.getByText(`${admin.displayName} is also editing this document.`).waitFor()
    // A starts an edit of their own; B saves first.
    await aForm.getByRole('textbox', { name: /^Description/ }).fill('My notes')
    await bForm.getByRole('textbox', { name: /^Description/ }).fill('Reviewed by the admin')
    await bForm.getByRole('button', { name: 'Save' }).click()
    await bForm.waitFor({ state: 'hidden' })
    await aForm
      .getByText(`${admin.displayName} changed this document while you were editing it.`)
      .waitFor()
    await aForm.getByRole('button', { name: 'Cancel' }).click()
    await aForm.waitFor({ state: 'hidden' })
    await row(a, title)
      .getByRole('img', { name: /is editing/ })
      .waitFor({ state: 'detached' })
  })

  it('an edit made while the browser is offline is sent when it is back, and seen once', async () => {
    const before = await b.getByRole('link', { name: /Tasks/ }).textContent()
    // The browser's own offline event, not the app's switch.
    await a.context().setOffline(true)
    await a.getByRole('status').filter({ hasText: 'Offline' }).first().waitFor()
    await editTitle(a, 'Shared task 2', 'Shared task 3')
    await a.getByText('1 pending').waitFor()
    await row(a, 'Shared task 3').getByRole('img', { name: 'Saving: not yet confirmed' }).waitFor()
    // B does not see it while A is offline.
    await search(b, 'Shared task')
    await row(b, 'Shared task 2').waitFor()
    await a.context().setOffline(false)
    await row(b, 'Shared task 3').waitFor()
    await a.getByText('1 pending').waitFor({ state: 'detached' })
    await search(b, 'Shared task')
    // Once settled, B's table holds the task once, with A's title.
    await expect
      .poll(() => row(b, 'Shared task').allTextContents(), { timeout: 5_000 })
      .toEqual([expect.stringContaining('Shared task 3')])
    expect(await b.getByRole('link', { name: /Tasks/ }).textContent()).toBe(before)
    title = 'Shared task 3'
  })

  /** A edits offline, B edits the same title online, A reconnects and settles with `choice`. */
  async function conflict(choice: 'Keep mine' | 'Keep theirs', mine: string, theirs: string) {
    await setOffline(a, true)
    await editTitle(a, title, mine)
    await editTitle(b, title, theirs)
    await row(b, theirs).waitFor()
    // Back online, A's queued write meets B's newer version: the app asks A what to keep (the
    // sync stays busy until A answers).
    await setOffline(a, false, false)
    const dialog = a.getByRole('dialog', { name: /Someone else changed/ })
    await dialog.waitFor()
    if (shots && choice === 'Keep mine') {
      await a.screenshot({ path: join(shots, 'conflict-light.png') })
    }
    expect(await dialog.getByRole('row', { name: /title/ }).textContent()).toContain(theirs)
    await dialog.getByRole('button', { name: choice }).click()
    await dialog.waitFor({ state: 'hidden' })
    const kept = choice === 'Keep mine' ? mine : theirs
    title = kept
    for (const page of [a, b]) {
      await search(page, 'Shared task')
      await row(page, kept).waitFor()
    }
    await a.getByText(/pending/).waitFor({ state: 'detached' })
    for (const page of [a, b]) {
      await expect
        .poll(() => row(page, 'Shared task').allTextContents(), { timeout: 5_000 })
        .toEqual([expect.stringContaining(kept)])
    }
  }

  it('a conflict is settled as the dialog says: keep mine', async () => {
    await conflict('Keep mine', 'Shared task 4 (mine)', 'Shared task 4 (theirs)')
  })

  it('a conflict is settled as the dialog says: keep theirs', async () => {
    await conflict('Keep theirs', 'Shared task 5 (mine)', 'Shared task 5 (theirs)')
  })

  /** Starts a job with `button` and returns its list item, once it shows. */
  async function startJob(page: Page, button: string) {
    const items = page.getByRole('list', { name: 'Jobs' }).getByRole('listitem')
    await items.first().waitFor()
    const before = new Set(
      await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-job'))),
    )
    await page.getByRole('button', { name: button }).click()
    const handle = await page.waitForFunction(
      (known) =>
        [...document.querySelectorAll('[data-job]')]
          .find(
            (e) =>
              !known.includes(e.getAttribute('data-job')) && !e.textContent?.includes('Not sent'),
          )
          ?.getAttribute('data-job'),
      [...before],
    )
    return page.locator(`[data-job="${String(await handle.jsonValue())}"]`)
  }

  it('a job started from the app advances live to 100% on the server; a failing one shows its error', async () => {
    await a.getByRole('link', { name: /Jobs/ }).click()
    const job = await startJob(a, 'Start job')
    const bar = job.getByRole('progressbar')
    // Seen part-way: the page follows the server's progress writes as they happen.
    await a.waitForFunction(
      (el) => {
        const v = Number(el?.getAttribute('aria-valuenow'))
        return v > 0 && v < 100
      },
      await bar.elementHandle(),
    )
    await job.getByText('Done').waitFor({ timeout: 30_000 })
    expect(await bar.getAttribute('aria-valuenow')).toBe('100')

    const failing = await startJob(a, 'Start a failing job')
    await failing.getByText('Failed').waitFor({ timeout: 30_000 })
    expect(await failing.getByRole('alert').textContent()).toContain('60%')
    expect(await failing.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('60')
    await a.getByRole('link', { name: /Tasks/ }).click()
  })

  it('the server restarts mid-session and both pages recover without a reload', async () => {
    await demo.close()
    for (const page of [a, b])
      await page.getByRole('status').filter({ hasText: 'Offline' }).first().waitFor()
    await start()
    for (const page of [a, b])
      await page
        .getByRole('status')
        .filter({ hasText: 'Online' })
        .first()
        .waitFor({ timeout: 30_000 })
    await editTitle(b, title, 'Shared task 6')
    await search(a, 'Shared task')
    await row(a, 'Shared task 6').waitFor({ timeout: 10_000 })
    title = 'Shared task 6'
    await a
      .getByRole('list', { name: 'Online now' })
      .getByRole('img', { name: new RegExp(`^${admin.displayName}`) })
      .waitFor()
  })

  const PAGES = ['Tasks', 'Users', 'Jobs'] as const

  it('a reload keeps the user signed in, on the same page, with the same data', async () => {
    await a.getByRole('link', { name: /Jobs/ }).click()
    await a.reload()
    await a.getByRole('main', { name: 'Jobs' }).waitFor()
    await a.getByRole('link', { name: /Tasks/ }).click()
    await search(a, 'Shared task')
    await row(a, title).waitFor()
    await a
      .getByRole('list', { name: 'Online now' })
      .getByRole('img', { name: new RegExp(`^${ann.displayName} \\(you\\)`) })
      .waitFor()
  })

  it('the sign-in page is free of axe violations and fits a 360 px screen', async () => {
    for (const width of [1280, 360]) {
      const context = await browser.newContext({ viewport: { width, height: 860 } })
      contexts.push(context)
      const page = await context.newPage()
      await page.goto(demo.url)
      await page.getByRole('button', { name: new RegExp(admin.displayName) }).waitFor()
      const results = await new AxeBuilder({ page }).analyze()
      expect(results.violations.map((v) => `sign-in: ${v.id}`)).toEqual([])
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow, `sign-in at ${width} px scrolls sideways`).toBeLessThanOrEqual(0)
      if (shots && width === 1280) await page.screenshot({ path: join(shots, 'signin-light.png') })
      await context.close()
    }
  })

  it('every page is free of axe violations, light and dark, and fits a 360 px screen', async () => {
    const narrow = await openAs(admin, 360)
    for (const theme of ['light', 'dark'] as const) {
      for (const page of [b, narrow]) {
        const button = page.getByRole('button', { name: /Use the (light|dark) theme/ })
        if ((await page.evaluate(() => document.documentElement.dataset.metalTheme)) !== theme)
          await button.click()
      }
      for (const name of PAGES) {
        for (const page of [b, narrow]) {
          await page.getByRole('link', { name: new RegExp(name) }).click()
          await page.getByRole('main', { name }).waitFor()
          if (name !== 'Jobs') {
            // The whole table, from its first column (an edit button scrolled it sideways).
            await search(page, '')
            await page.getByRole('row').nth(5).waitFor()
            await page.evaluate(() => {
              for (const el of document.querySelectorAll('[role="grid"], [role="grid"] *')) {
                el.scrollLeft = 0
              }
            })
          }
          await page.waitForLoadState('networkidle')
          const results = await new AxeBuilder({ page }).analyze()
          expect(
            results.violations.map(
              (v) => `${name} ${theme}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`,
            ),
          ).toEqual([])
        }
        const overflow = await narrow.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        )
        expect(overflow, `${name} at 360 px scrolls sideways`).toBeLessThanOrEqual(0)
        if (shots) {
          await b.screenshot({ path: join(shots, `${name.toLowerCase()}-${theme}.png`) })
          await narrow.screenshot({ path: join(shots, `${name.toLowerCase()}-${theme}-360.png`) })
        }
      }
    }
  })
})
