// One render of the pack test's built Vue app (scripts/pack-test/app-vue) in headless Chromium:
// serves its dist/ on 127.0.0.1, opens it with playwright-core (the workspace's), and checks that
// what App.vue puts on the page is there and that nothing logged an error.
import { chromiumLaunchOptions, findChromium, CHROMIUM_HINT } from '../chromium.mjs'
import { serveStatic } from '../staticServer.mjs'

/**
 * What the page must show (App.vue renders the README's examples): an accessible role and name,
 * and optionally text that must appear inside it once the live data has arrived.
 */
const EXPECTED = [
  { role: 'heading', name: 'Metal UI on Vue' },
  // Settings.vue
  { role: 'checkbox', name: 'Send me the newsletter' },
  { role: 'switch', name: 'Dark mode' },
  { role: 'radiogroup', name: 'Plan', text: 'Enterprise' },
  { role: 'progressbar', name: 'Storage used' },
  { role: 'button', name: 'Export data' },
  // EventFields.vue
  { role: 'textbox', name: 'Title' },
  { role: 'combobox', name: 'Room' },
  { role: 'button', name: 'Event actions' },
  { role: 'textbox', name: 'Day' },
  // OffsetPages.vue
  { role: 'navigation', name: 'Pagination', text: '1–20 of 135' },
  // People.vue (rows) and Orders.vue (a live collection)
  { role: 'grid', name: 'People', text: 'Ada Lovelace' },
  { role: 'grid', name: 'Orders', text: 'Grace Hopper' },
  // NewContact.vue
  { role: 'button', name: 'Create' },
]

/** Resolves once `check()` resolves true, polling for up to 5 s; rejects after that. */
async function until(check) {
  for (const end = Date.now() + 5_000; Date.now() < end;) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('not within 5 s')
}

/** What a user does on the page, and what must follow (the examples are live, not just drawn). */
const STEPS = [
  {
    what: 'a click on the newsletter checkbox checks it (v-model)',
    async run(page) {
      const box = page.getByRole('checkbox', { name: 'Send me the newsletter' })
      if (await box.isChecked()) throw new Error('checked before the click')
      await box.click()
      await until(() => box.isChecked())
    },
  },
  {
    what: "Archive in the event's menu reaches the page (an emit)",
    async run(page) {
      await page.getByRole('button', { name: 'Event actions' }).click()
      await page.getByRole('menuitem', { name: 'Archive' }).click()
      await page.locator('output').getByText('archive').waitFor({ timeout: 5_000 })
    },
  },
  {
    what: 'Next page moves the pagination on (v-model:page)',
    async run(page) {
      const nav = page.getByRole('navigation', { name: 'Pagination' })
      await nav.getByRole('button', { name: 'Next page' }).click()
      await nav.getByText('21–40 of 135').waitFor({ timeout: 5_000 })
    },
  },
  {
    what: 'the bound create form adds a contact (@submit after the write)',
    async run(page) {
      const form = page.getByRole('region', { name: 'New contact' })
      await form.getByRole('textbox', { name: 'Name' }).fill('Ada Lovelace')
      await form.getByRole('textbox', { name: 'E-mail' }).fill('ada@example.org')
      await form.getByRole('button', { name: 'Create' }).click()
      await page.locator('output').getByText('created').waitFor({ timeout: 5_000 })
    },
  },
]

/**
 * Renders the app built in `dist`. Resolves `{ skipped }` without Chromium (unless
 * METAL_REQUIRE_BROWSER=1), else `{ problems, summary }`: problems is empty when the page is right.
 */
export async function renderVueApp(dist) {
  const { path, looked } = findChromium()
  if (!path) {
    const why = `no Chromium (looked at ${looked.join(', ')}). ${CHROMIUM_HINT}`
    if (process.env.METAL_REQUIRE_BROWSER === '1') return { problems: [why], summary: '' }
    return { skipped: why }
  }
  const { chromium } = await import('playwright-core')
  const { server, origin } = await serveStatic(dist)
  const url = `${origin}/`
  const browser = await chromium.launch(chromiumLaunchOptions(path))
  const problems = []
  const found = []
  try {
    const page = await browser.newPage()
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console ${message.type()}: ${message.text()}`)
      }
    })
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`)
    })
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 })
    for (const { role, name, text } of EXPECTED) {
      const target = page.getByRole(role, { name, exact: true })
      try {
        await target.first().waitFor({ state: 'visible', timeout: 10_000 })
        if (text) await target.getByText(text).first().waitFor({ timeout: 10_000 })
        found.push(`${role} '${name}'`)
      } catch {
        problems.push(`no visible ${role} named '${name}'${text ? ` showing '${text}'` : ''}`)
      }
    }
    for (const step of STEPS) {
      try {
        await step.run(page)
        found.push(step.what)
      } catch (error) {
        problems.push(`${step.what}: no (${error.message.split('\n')[0]})`)
      }
    }
  } finally {
    await browser.close()
    server.close()
  }
  return { problems, summary: found.join(', ') }
}
