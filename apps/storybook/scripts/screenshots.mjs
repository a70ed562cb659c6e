// Screenshots of the components, light and dark, of either Storybook: `npm run screenshots -w
// @metal/storybook` (React, into screenshots/) or `-w @metal/storybook-vue` (the Vue views, into
// screenshots/vue/); node <this script> [name-filter], run in the app's folder. shots.mjs lists
// the stories of each.
//
// Builds nothing: it serves the static Storybook that `npm run build-storybook` (at the repository
// root) wrote to storybook-static/ (the Vue one to storybook-static/vue/), opens each story's
// iframe.html in headless Chromium through
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
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
import { STORYBOOKS } from './shots.mjs'
import { serveStatic } from '../../../scripts/staticServer.mjs'

/** The Storybook app: the folder this runs in. */
const root = process.cwd()
const { name: appName } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const storybook = STORYBOOKS[appName]
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const VIEWPORT = { width: 1024, height: 720 }
const THEMES = ['light', 'dark']

function fail(message) {
  console.error(`screenshots: ${message}`)
  process.exit(1)
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

if (!storybook) fail(`no shots listed for ${appName} in shots.mjs`)
const main = join(import.meta.dirname, '..')
const site = join(main, storybook.site)
const out = join(main, storybook.out)
if (!existsSync(join(site, 'iframe.html'))) {
  fail(`no built Storybook in ${site}: run \`npm run build-storybook\` at the repository root.`)
}
if (!existsSync(executablePath)) {
  fail(
    `no Chromium at ${executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`,
  )
}

const filter = process.argv[2]
const shots = storybook.shots.filter((s) => !filter || s.name.includes(filter))
if (shots.length === 0) fail(`no shot matches "${filter}"`)
mkdirSync(out, { recursive: true })

const { server, origin } = await serveStatic(site)
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
console.log(`screenshots: ${shots.length * THEMES.length} written to ${relative(root, out)}`)
