// Screenshots of the components, light and dark: `npm run screenshots -w @metal/storybook`
// (node scripts/screenshots.mjs [name-filter]).
//
// Builds nothing: it serves the static Storybook that `npm run build-storybook` (at the repository
// root) wrote to storybook-static/, opens each story's iframe.html in headless Chromium through
// playwright-core, once with `globals=theme:light` and once with `globals=theme:dark`, waits for
// Storybook to report the story finished (render, play function, checks) and the network to be
// idle, and writes screenshots/<name>-<theme>.png: the story's themed surface at a fixed
// 1024x720 viewport, device scale factor 1 (full width; as tall as the story).
//
// The browser is Debian's Chromium, never a downloaded one: CHROMIUM_PATH, or /usr/bin/chromium.
// A story that does not render (error overlay, unknown id, nothing shown, wrong theme) is an
// error, not a picture; a failing play function or axe check is a warning next to its file.
// An optional argument keeps only the shots whose name contains it (`npm run screenshots -w
// @metal/storybook -- form`).
/* global document -- page.evaluate callbacks run in the page */
import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'

const root = join(import.meta.dirname, '..')
const site = join(root, 'storybook-static')
const out = join(root, 'screenshots')
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const VIEWPORT = { width: 1024, height: 720 }
const THEMES = ['light', 'dark']

/**
 * One representative story per component, in the state its play function leaves it in; `open`
 * for those that leave a popover or dialog open.
 */
const SHOTS = [
  // Page 3 of 7 (the play function steps back from 4): every button enabled, rows per page.
  { name: 'pagination', story: 'components-pagination--middle-page' },
  { name: 'pagination-rtl', story: 'components-pagination--right-to-left' },
  // Unbound rows, sorted by Name descending by the play function.
  { name: 'data-table', story: 'components-datatable--sorting' },
  // Bound to an embedded Metal collection; "User 001" renamed "Grace" by a second client.
  { name: 'data-table-bound', story: 'components-datatable--bound-and-live' },
  // Create mode after a submit with errors: messages under the invalid fields.
  { name: 'form-create', story: 'components-form--validation' },
  // Edit mode, pre-filled from the document and saved.
  { name: 'form-edit', story: 'components-form--edit' },
  { name: 'form-tags', story: 'components-form--tags' },
  { name: 'form-filled', story: 'components-form--filled' },
  { name: 'form-rtl', story: 'components-form--right-to-left' },
  // A live tasks page: Ada on the page and editing a row, her banner in the open edit dialog.
  { name: 'collection-page', story: 'components-collectionpage--presence' },
  // Offline after a bulk status change: two rows marked as saving, counted in the header.
  { name: 'collection-page-pending', story: 'components-collectionpage--pending-writes' },
  { name: 'collection-page-rtl', story: 'components-collectionpage--right-to-left' },
  // The Material 3 colour roles of theme.css.
  { name: 'tokens', story: 'tokens-colour-roles--baseline' },
  // The controls, each in the state its play function leaves it in.
  { name: 'button', story: 'controls-button--variants' },
  { name: 'icon-button', story: 'controls-iconbutton--variants-and-toggles' },
  { name: 'checkbox', story: 'controls-checkbox--states' },
  { name: 'radio', story: 'controls-radio--click' },
  { name: 'switch', story: 'controls-switch--icons-and-disabled' },
  { name: 'progress', story: 'controls-progress--determinate' },
  { name: 'text-field', story: 'controls-textfield--outlined' },
  { name: 'text-field-filled', story: 'controls-textfield--filled' },
  { name: 'text-field-error', story: 'controls-textfield--with-error' },
  { name: 'text-field-counter', story: 'controls-textfield--counter' },
  { name: 'select', open: true, story: 'controls-select--open' },
  { name: 'select-error', story: 'controls-select--with-error' },
  { name: 'menu', open: true, story: 'controls-menu--open' },
  { name: 'popover', open: true, story: 'controls-popover--basic' },
  { name: 'chips', story: 'controls-chips--chip-kinds' },
  { name: 'chip-input', story: 'controls-chips--input' },
  { name: 'date-field', open: true, story: 'controls-datefield--german' },
  { name: 'dialog', open: true, story: 'controls-dialog--basic' },
  { name: 'confirm-dialog', open: true, story: 'controls-dialog--confirm-destructive' },
  { name: 'tooltip', open: true, story: 'controls-tooltip--focus' },
]

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
}

function fail(message) {
  console.error(`screenshots: ${message}`)
  process.exit(1)
}

/** A static file server for the built Storybook on a free port of 127.0.0.1. */
async function serve(dir) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    let file = normalize(join(dir, decodeURIComponent(url.pathname)))
    if (file !== dir && !file.startsWith(dir + sep)) {
      res.writeHead(403).end()
      return
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html')
    if (!existsSync(file)) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  return { server, origin: `http://127.0.0.1:${port}` }
}

/**
 * Runs in the page before Storybook: catches the channel as Storybook creates it, and records in
 * window.__metalScreenshot the play function's exception or unhandled errors, if any, and the
 * STORY_FINISHED event (status, and the a11y report) that ends the story's render.
 */
function watchStory() {
  const record = { playErrors: [], finished: null }
  globalThis.__metalScreenshot = record
  let channel
  Object.defineProperty(globalThis, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set: (value) => {
      channel = value
      value?.on?.('playFunctionThrewException', (error) => record.playErrors.push(error.message))
      value?.on?.('unhandledErrorsWhilePlaying', (errors) =>
        record.playErrors.push(...errors.map((error) => error.message)),
      )
      value?.on?.('storyFinished', (event) => {
        record.finished = event
      })
    },
  })
}

if (!existsSync(join(site, 'iframe.html'))) {
  fail(`no built Storybook in ${site}: run \`npm run build-storybook\` at the repository root.`)
}
if (!existsSync(executablePath)) {
  fail(
    `no Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  )
}

const filter = process.argv[2]
const shots = SHOTS.filter((s) => !filter || s.name.includes(filter))
if (shots.length === 0) fail(`no shot matches "${filter}"`)
mkdirSync(out, { recursive: true })

const { server, origin } = await serve(site)
const browser = await chromium.launch(chromiumLaunchOptions(executablePath))

let failures = 0
try {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    // The OS preference stays light: the dark shots come from data-metal-theme alone.
    colorScheme: 'light',
    reducedMotion: 'reduce',
    timezoneId: 'UTC',
    locale: 'en-US',
  })
  await context.addInitScript(watchStory)
  // Nothing but the local server: no fonts or analytics from elsewhere.
  await context.route(
    (url) => !url.href.startsWith(origin),
    (route) => route.abort(),
  )

  for (const shot of shots) {
    for (const theme of THEMES) {
      const file = `${shot.name}-${theme}.png`
      const page = await context.newPage()
      const errors = []
      page.on('pageerror', (error) => errors.push(error.message))
      try {
        const url = `${origin}/iframe.html?id=${shot.story}&viewMode=story&globals=theme:${theme}`
        await page.goto(url, { waitUntil: 'load' })
        // Finished, or Storybook's error display (a render error, an unknown story id).
        await page.waitForFunction(
          () =>
            globalThis.__metalScreenshot?.finished ||
            document.body.classList.contains('sb-show-errordisplay'),
          null,
          { timeout: 30_000 },
        )
        const { finished, playErrors } = await page.evaluate(() => globalThis.__metalScreenshot)
        await page.waitForLoadState('networkidle')
        await page.evaluate(() => document.fonts.ready)

        const state = await page.evaluate(() => ({
          errorShown: document.body.classList.contains('sb-show-errordisplay'),
          mainShown: document.body.classList.contains('sb-show-main'),
          errorText: document.querySelector('#error-message')?.textContent ?? '',
          theme: document.querySelector('[data-metal-theme]')?.getAttribute('data-metal-theme'),
          // Text, or a drawing (icon buttons have none of the first).
          text:
            (document.querySelector('#storybook-root')?.textContent?.trim().length ?? 0) +
            (document.querySelectorAll('#storybook-root svg').length ?? 0),
        }))
        if (state.errorShown || !state.mainShown) {
          throw new Error(`story did not render: ${state.errorText || 'no story shown'}`)
        }
        if (state.theme !== theme) throw new Error(`data-metal-theme is "${state.theme}"`)
        if (state.text === 0) throw new Error('the story rendered nothing')
        await page.locator('#storybook-root').waitFor({ state: 'visible' })

        if (shot.open) {
          // A popover the play function left open (listbox, menu, calendar) sits in the top
          // layer and may reach past the story: keep its focus and take the whole viewport.
          await page.screenshot({ path: join(out, file), animations: 'disabled', caret: 'hide' })
        } else {
          // Nothing focused, no caret: the same picture every run.
          await page.evaluate(() => document.activeElement?.blur?.())
          await page.mouse.move(0, 0)
          // The themed surface only: full width, as tall as the story (the page below it is the
          // iframe's own unthemed background).
          await page
            .locator('[data-metal-theme]')
            .first()
            .screenshot({ path: join(out, file), animations: 'disabled', caret: 'hide' })
        }

        // A play function may check values of one theme only (the tokens story checks the light
        // primary colour): the picture is still right, so this is a warning, not a failure.
        const notes = playErrors.map((message) => `play function: ${message.split('\n')[0]}`)
        if (finished && finished.status !== 'success') {
          const failed = (finished.reporters ?? []).filter((r) => r.status !== 'passed')
          const a11y = failed
            .flatMap((r) => r.result?.violations ?? [])
            .map((v) => `${v.id} (${v.nodes?.length ?? 0})`)
          notes.push(
            `story checks ${finished.status}${a11y.length ? `: axe ${a11y.join(', ')}` : ''}`,
          )
        }
        if (errors.length) notes.push(`page errors: ${errors.join('; ')}`)
        const kb = (statSync(join(out, file)).size / 1024).toFixed(0)
        console.log(
          `${file.padEnd(28)} ${kb.padStart(4)} KB${notes.length ? `  ! ${notes.join(' | ')}` : ''}`,
        )
      } catch (error) {
        failures++
        console.error(`${file.padEnd(28)} FAILED: ${error.message.split('\n')[0]}`)
      } finally {
        await page.close()
      }
    }
  }
} finally {
  await browser.close()
  server.close()
}

if (failures) fail(`${failures} screenshot(s) failed`)
console.log(`screenshots: ${shots.length * THEMES.length} written to ${out}`)
