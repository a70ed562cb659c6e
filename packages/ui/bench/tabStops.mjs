// `node bench/tabStops.mjs`: presses Tab in real Chromium through the benchmark page's table and
// prints where focus lands each time, to check the grid is one tab stop: its focused cell, never
// the scroll container (Chromium makes scrollers keyboard-focusable), a resize handle or a
// column menu button. Exits 1 if focus lands on any of those.
import { createServer } from 'node:http'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
const here = fileURLToPath(new URL('.', import.meta.url))
const outDir = await mkdtemp(join(tmpdir(), 'grid-tab-'))
await build({ configFile: join(here, 'vite.config.ts'), build: { outDir }, logLevel: 'error' })
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname))
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path))
    res.writeHead(200, {
      'content-type':
        { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }[
          extname(path === '/' ? 'x.html' : path)
        ] ?? 'application/octet-stream',
    })
    res.end(body)
  } catch {
    res.writeHead(404).end()
  }
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const browser = await chromium.launch(chromiumLaunchOptions('/usr/bin/chromium'))
const page = await browser.newPage()
await page.goto(`http://127.0.0.1:${server.address().port}/?lib=metal`)
await page.waitForFunction(() => globalThis.bench !== undefined)
await page.evaluate(() => globalThis.bench.mount())
const describe = () =>
  page.evaluate(() => {
    const a = globalThis.document.activeElement
    const grid = a.closest('[role="grid"]') ? 'in-grid' : 'outside'
    return `${grid} ${a.tagName} role=${a.getAttribute('role')} scope=${a.getAttribute('data-scope')} part=${a.getAttribute('data-part')} label=${a.getAttribute('aria-label') ?? ''}`
  })
console.log('Chromium', browser.version())
const bad = []
let inGrid = 0
for (let i = 0; i < 14; i++) {
  await page.keyboard.press('Tab')
  const where = await describe()
  console.log(i + 1, where)
  // Inside the grid, only a cell may take focus from Tab; the grid itself neither.
  const cell = /role=(columnheader|gridcell) /.test(where)
  if (where.startsWith('in-grid') && !cell) bad.push(where)
  if (cell) inGrid++
}
await browser.close()
server.close()
await rm(outDir, { recursive: true, force: true })
console.log(
  bad.length === 0 && inGrid === 1
    ? 'PASS: one tab stop in the grid'
    : `FAIL: ${bad.join('; ')} (grid stops: ${inGrid})`,
)
process.exit(bad.length === 0 && inGrid === 1 ? 0 : 1)
