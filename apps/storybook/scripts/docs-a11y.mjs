// Accessibility of the docs pages of either Storybook (React's or the Vue one):
// `node scripts/docs-a11y.mjs <built-storybook-dir> [filter]`.
//
// The story tests run axe on each story's root alone; a docs (autodocs) page puts every story of
// a file on one document, next to Storybook's own headings, text and props tables. Problems that
// only exist there (two <nav aria-label="Pagination"> landmarks, a duplicate id, two regions of
// the same name) pass every story test. So this serves the built Storybook, opens each docs
// entry of its index.json in headless Chromium (iframe.html?viewMode=docs, light and dark),
// waits until the page is rendered (Storybook's docsRendered event, then no DOM change for a
// while, so stories with loaders are in), and runs axe-core on the whole document (all but
// Storybook's own props table).
//
// Prints each violation with its rule, the page and the elements; exits 1 if there is any,
// except the page/rule pairs listed in docs-a11y-known.json (reported, waiting for their fix),
// and also when a listed pair no longer occurs (remove it: the list only shrinks).
// --report <file> writes { pages, passed, failed } as JSON, for the test summary.
// Chromium as for the story tests: CHROMIUM_PATH, or /usr/bin/chromium. The optional filter
// keeps the pages whose id contains it (`node scripts/docs-a11y.mjs storybook-static hooks`).
/* global clearTimeout, document, MutationObserver, window -- page.evaluate callbacks run in the page */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
import { serveStatic } from '../../../scripts/staticServer.mjs'

/** The Storybook app: the folder this runs in (its storybook-static is the default site). */
const root = process.cwd()
const args = process.argv.slice(2)
const reportAt = args.indexOf('--report')
const reportFile = reportAt >= 0 ? args.splice(reportAt, 2)[1] : null
const [siteArg, filter] = args
const site = resolve(siteArg ?? join(root, 'storybook-static'))
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const THEMES = ['light', 'dark']
/**
 * Left out of the check: Storybook's props table, whose object editors (a `<li>` outside a list)
 * and muted type names (contrast) are Storybook's own markup, not the components'.
 */
const STORYBOOK_OWN = '.docblock-argstable'
/** How long the DOM must stay still before the page counts as rendered. */
const QUIET_MS = 400
/** The longest a page may take to render. */
const RENDER_TIMEOUT_MS = 30_000

// The axe-core that Storybook's a11y addon runs in the story tests, so both check the same rules.
const addonRequire = createRequire(
  createRequire(join(root, 'package.json')).resolve('@storybook/addon-a11y/package.json'),
)
const axeSource = readFileSync(addonRequire.resolve('axe-core/axe.min.js'), 'utf8')

function fail(message) {
  console.error(`docs-a11y: ${message}`)
  process.exit(1)
}

/** Runs in the page before Storybook: records the docsRendered event on window.__metalDocs. */
function watchDocs() {
  const record = { rendered: false }
  globalThis.__metalDocs = record
  let channel
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set: (value) => {
      channel = value
      value?.on?.('docsRendered', () => {
        record.rendered = true
      })
    },
  })
}

/** Resolves once the document has not changed for `quietMs` (in the page). */
function domSettled(quietMs) {
  return new Promise((done) => {
    let timer = setTimeout(finish, quietMs)
    const observer = new MutationObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(finish, quietMs)
    })
    function finish() {
      observer.disconnect()
      done()
    }
    observer.observe(document.body, { subtree: true, childList: true, attributes: true })
  })
}

if (!existsSync(join(site, 'index.json'))) fail(`no built Storybook in ${site}`)
if (!existsSync(executablePath)) fail(`no Chromium at ${executablePath}`)

const { entries } = JSON.parse(readFileSync(join(site, 'index.json'), 'utf8'))
const pages = Object.values(entries)
  .filter((entry) => entry.type === 'docs' && (!filter || entry.id.includes(filter)))
  .map((entry) => entry.id)
if (pages.length === 0) fail(`no docs page${filter ? ` matches "${filter}"` : ''}`)

const { known } = JSON.parse(
  readFileSync(join(import.meta.dirname, 'docs-a11y-known.json'), 'utf8'),
)
const isKnown = (page, rule) => known.some((k) => k.page === page && k.rule === rule)
/** Known pairs seen this run, as `page rule`. */
const seen = new Set()

const { server, origin } = await serveStatic(site)
const browser = await chromium.launch(chromiumLaunchOptions(executablePath))
let violations = 0
let passed = 0
let failed = 0
try {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 720 },
    reducedMotion: 'reduce',
    timezoneId: 'UTC',
    locale: 'en-US',
  })
  await context.addInitScript(watchDocs)
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => route.abort(),
  )
  for (const id of pages) {
    for (const theme of THEMES) {
      const page = await context.newPage()
      const errors = []
      page.on('pageerror', (error) => errors.push(error.message))
      try {
        await page.goto(`${origin}/iframe.html?id=${id}&viewMode=docs&globals=theme:${theme}`)
        await page.waitForFunction(() => globalThis.__metalDocs?.rendered, null, {
          timeout: RENDER_TIMEOUT_MS,
        })
        await page.evaluate(domSettled, QUIET_MS)
        await page.addScriptTag({ content: axeSource })
        const result = await page.evaluate(
          (exclude) =>
            window.axe.run(
              { include: [document], exclude: [[exclude]] },
              { resultTypes: ['violations'] },
            ),
          STORYBOOK_OWN,
        )
        let failing = 0
        for (const v of result.violations) {
          if (isKnown(id, v.id)) {
            seen.add(`${id} ${v.id}`)
            console.warn(`! ${id} (${theme}): ${v.id}: known, waiting for its fix`)
            continue
          }
          failing++
          violations++
          console.error(`✗ ${id} (${theme}): ${v.id} (${v.impact}): ${v.help}`)
          for (const node of v.nodes.slice(0, 5)) {
            console.error(
              `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim()}`,
            )
          }
          if (v.nodes.length > 5) console.error(`    … and ${v.nodes.length - 5} more`)
        }
        if (failing === 0) {
          passed++
          console.log(`✓ ${id} (${theme})`)
        } else failed++
      } catch (error) {
        violations++
        failed++
        console.error(`✗ ${id} (${theme}): ${error.message.split('\n')[0]}`)
        if (errors.length) console.error(`    page errors: ${errors.join('; ')}`)
      } finally {
        await page.close()
      }
    }
  }
} finally {
  await browser.close()
  server.close()
}
for (const k of known) {
  if (pages.includes(k.page) && !seen.has(`${k.page} ${k.rule}`)) {
    violations++
    failed++
    console.error(`✗ ${k.page}: ${k.rule} is fixed: remove it from scripts/docs-a11y-known.json`)
  }
}
if (reportFile) {
  writeFileSync(reportFile, `${JSON.stringify({ pages: pages.length, passed, failed })}\n`)
}
if (violations > 0) fail(`${violations} problem(s) on ${pages.length} docs pages`)
const waiting = known.filter((k) => pages.includes(k.page)).length
console.log(
  `docs-a11y: ${pages.length} docs pages, light and dark: no axe violations` +
    (waiting ? ` (${waiting} known, listed in docs-a11y-known.json)` : ''),
)
