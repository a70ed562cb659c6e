// Composition of the static Storybooks: `node scripts/composition.mjs <main-site> [--report f]`.
//
// The root `npm run build-storybook` writes the main (React) Storybook and, in its `vue/` folder,
// the Vue one, which the main one's `refs` name by that relative URL (scripts/storybookMain.ts).
// This serves <main-site> on a local port, opens its manager (index.html) in headless Chromium,
// and checks what a reader sees: the sidebar lists the main Storybook's own stories and, under
// "Vue", the Vue Storybook's (one per entry of vue/index.json's first components), and a Vue
// story picked in that sidebar renders in the ref's frame. Each check is a test in the report.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
import { VUE_STORYBOOK_FOLDER } from './storybookRefs.mjs'
import { serveStatic } from '../../../scripts/staticServer.mjs'

const args = process.argv.slice(2)
const reportAt = args.indexOf('--report')
const reportFile = reportAt >= 0 ? args.splice(reportAt, 2)[1] : null
const site = resolve(args[0] ?? 'storybook-static')
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const TIMEOUT_MS = 30_000

function fail(message) {
  console.error(`composition: ${message}`)
  process.exit(1)
}

const vueSite = join(site, VUE_STORYBOOK_FOLDER)
for (const dir of [site, vueSite]) {
  if (!existsSync(join(dir, 'index.json'))) fail(`no built Storybook in ${dir}`)
}
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}`)

/** The index's component ids ("composables-usemetalquery") and its first story. */
function readIndex(dir) {
  const { entries } = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'))
  const stories = Object.values(entries).filter((e) => e.type === 'story')
  return { components: [...new Set(stories.map((e) => e.id.split('--')[0]))], first: stories[0] }
}
const main = readIndex(site)
const vue = readIndex(vueSite)
if (!vue.first) fail(`the Vue Storybook in ${vueSite} has no stories`)

const { server, origin } = await serveStatic(site)
const browser = await chromium.launch(chromiumLaunchOptions(executablePath))
let passed = 0
let failed = 0

/** Runs one named check; a thrown error (or a timeout) fails it. */
async function check(name, body) {
  try {
    await body()
    passed++
    console.log(`✓ ${name}`)
  } catch (error) {
    failed++
    console.error(`✗ ${name}: ${error.message.split('\n')[0]}`)
  }
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => route.abort(),
  )
  const page = await context.newPage()
  await page.goto(`${origin}/index.html`)
  const sidebar = page.locator('#storybook-explorer-tree')
  /** A component's entry in the sidebar, from this Storybook ("storybook_internal") or a ref. */
  const entry = (ref, component) =>
    sidebar.locator(`[data-ref-id="${ref}"][data-item-id="${component}"]`)

  await check('the sidebar lists the main Storybook’s own stories', async () => {
    await entry('storybook_internal', main.components[0]).waitFor({ timeout: TIMEOUT_MS })
  })
  await check('the sidebar has a "Vue" section (the ref)', async () => {
    await sidebar.locator('[title="Vue"]').waitFor({ timeout: TIMEOUT_MS })
  })
  await check(
    `the Vue section lists the Vue Storybook’s ${vue.components.length} components`,
    async () => {
      for (const component of vue.components) {
        await entry('vue', component).waitFor({ state: 'attached', timeout: TIMEOUT_MS })
      }
    },
  )
  await check(`a Vue story picked in the sidebar renders (${vue.first.id})`, async () => {
    await page.goto(`${origin}/index.html?path=/story/vue_${vue.first.id}`)
    // The ref's stories render in its own frame, served from the vue/ folder.
    const frame = page.locator('iframe#storybook-ref-vue')
    await frame.waitFor({ timeout: TIMEOUT_MS })
    const src = new URL(await frame.getAttribute('src'), origin)
    if (src.pathname !== `/${VUE_STORYBOOK_FOLDER}/iframe.html`) throw new Error(`frame at ${src}`)
    await page
      .frameLocator('iframe#storybook-ref-vue')
      .locator('#storybook-root [data-metal-theme] *')
      .first()
      .waitFor({ timeout: TIMEOUT_MS })
  })
} finally {
  await browser.close()
  server.close()
}
if (reportFile) writeFileSync(reportFile, `${JSON.stringify({ passed, failed })}\n`)
if (failed > 0) fail(`${failed} of ${passed + failed} checks failed in ${site}`)
console.log(`composition: the main Storybook in ${site} shows the Vue one's stories`)
