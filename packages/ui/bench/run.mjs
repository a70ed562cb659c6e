// `npm run bench -w @metal/ui`: Metal's DataTable against MUI's DataGrid (community) on the same
// 100k rows, in headless Chromium, and Metal's Vue DataTable against its React one. Builds
// bench/ with Vite into a temporary directory, serves it, and for each run opens a fresh page per
// grid (alternating which goes first) that measures first render, a single-row update and a sort
// by one column. Prints medians and ratios.
// Always exits 0 unless the bench itself breaks: a MISS is a finding, not a failure.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { chromium } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../scripts/chromium.mjs'
import { serveStatic } from '../../../scripts/staticServer.mjs'

const RUNS = Number(process.env.BENCH_RUNS ?? 7)
const here = fileURLToPath(new URL('.', import.meta.url))
const outDir = await mkdtemp(join(tmpdir(), 'metal-ui-bench-'))

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

async function measure(browser, base, lib) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()))
  try {
    await page.goto(`${base}/?lib=${lib}`)
    await page.waitForFunction(() => globalThis.bench !== undefined, null, { timeout: 60_000 })
    const mount = await page.evaluate(() => globalThis.bench.mount())
    const update = await page.evaluate(() => globalThis.bench.update())
    const sort = await page.evaluate(() => globalThis.bench.sort())
    return { mount, update, sort, errors }
  } catch (error) {
    error.message += errors.length ? `\npage errors:\n${errors.join('\n')}` : ''
    throw error
  } finally {
    await context.close()
  }
}

/** Prints rows of cells as a table: the first row is the header, the first column left-aligned. */
function printTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => String(r[i]).length)))
  for (const [i, r] of table.entries()) {
    console.log(
      r.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j]))).join('  '),
    )
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  }
}

const fmt = (n, digits = 1) => (n === undefined ? '—' : n.toFixed(digits))

let server
let browser
try {
  process.stdout.write(`Building bench app into ${outDir} … `)
  await build({
    configFile: join(here, 'vite.config.ts'),
    build: { outDir },
  })
  console.log('done')
  const served = await serveStatic(outDir)
  server = served.server
  const base = served.origin
  browser = await chromium.launch(
    chromiumLaunchOptions(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  )
  console.log(`Chromium ${browser.version()}; ${RUNS} runs per grid, fresh page each, alternating`)

  const libs = ['metal', 'metal-vue', 'mui', 'mui-prop']
  const results = Object.fromEntries(libs.map((lib) => [lib, []]))
  // One warm-up round (discarded): the first page of a fresh browser pays for process start-up.
  for (const lib of libs) await measure(browser, base, lib)
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 === 0 ? libs : [...libs].reverse()
    for (const lib of order) {
      const result = await measure(browser, base, lib)
      results[lib].push(result)
      if (result.errors.length) console.log(`  [${lib}] page errors: ${result.errors.join(' | ')}`)
      console.log(
        `  run ${run + 1} ${lib.padEnd(9)} mount ${fmt(result.mount).padStart(7)} ms` +
          `  update ${fmt(result.update.ms).padStart(6)} ms` +
          ` (${result.update.rowsRendered} rows rendered, ${result.update.rowRenders} renders` +
          ` in ${result.update.commits} commits, ${result.update.rowsMutated} rows mutated)` +
          `  sort ${fmt(result.sort.ms).padStart(7)} ms`,
      )
    }
  }

  const stat = (lib, pick) => median(results[lib].map(pick))
  const figures = Object.fromEntries(
    libs.map((lib) => [
      lib,
      {
        mount: stat(lib, (r) => r.mount),
        sort: stat(lib, (r) => r.sort.ms),
        update: stat(lib, (r) => r.update.ms),
        rowsRendered: stat(lib, (r) => r.update.rowsRendered),
        rowRenders: stat(lib, (r) => r.update.rowRenders),
        rowsMutated: stat(lib, (r) => r.update.rowsMutated),
      },
    ]),
  )
  const metal = figures.metal
  // MUI's single-row update: the faster of its two ways (apiRef.updateRows, a new rows prop).
  const muiUpdateVia = figures['mui-prop'].update < figures.mui.update ? 'mui-prop' : 'mui'
  const mui = { ...figures.mui, update: figures[muiUpdateVia].update }

  const rows = [
    ['time to first render (ms)', metal.mount, mui.mount, 'faster than MUI'],
    ['time to sort by one column (ms)', metal.sort, mui.sort, 'faster than MUI'],
    ['time for a single-row update (ms)', metal.update, mui.update, 'faster than MUI'],
  ].map(([name, m, u, target]) => [name, fmt(m), fmt(u), fmt(m / u, 2), target, m < u])
  rows.push([
    'rows re-rendered on a single-row update',
    String(metal.rowsRendered),
    String(mui.rowsRendered),
    '—',
    '1',
    metal.rowsRendered <= 1,
  ])
  const header = ['metric', 'Metal', 'MUI', 'Metal/MUI', 'target', 'result']
  const table = [header, ...rows.map((r) => [...r.slice(0, 5), r[5] ? 'PASS' : 'MISS'])]
  console.log(`\nMedians of ${RUNS} runs, 100k rows, page size 100 (MUI community's maximum):\n`)
  printTable(table)
  const all = rows.slice(0, 3).every((r) => r[5])
  console.log(`\nTarget "ahead of MUI on all three": ${all ? 'PASS' : 'MISS'}`)
  console.log(
    `MUI update via apiRef.updateRows: ${fmt(figures.mui.update)} ms, ` +
      `${figures.mui.rowsRendered} rows re-rendered; via a new rows prop: ` +
      `${fmt(figures['mui-prop'].update)} ms, ${figures['mui-prop'].rowsRendered} rows re-rendered ` +
      `(the table uses the faster, ${muiUpdateVia === 'mui' ? 'updateRows' : 'rows prop'}).`,
  )
  console.log(
    `Rows whose DOM changed on the update: Metal ${metal.rowsMutated}, MUI ${figures.mui.rowsMutated}` +
      ` (React row renders summed over commits: Metal ${metal.rowRenders}, MUI ${figures.mui.rowRenders}).`,
  )
  const vue = figures['metal-vue']
  const vueRows = [
    ['time to first render (ms)', vue.mount, metal.mount],
    ['time to sort by one column (ms)', vue.sort, metal.sort],
    ['time for a single-row update (ms)', vue.update, metal.update],
    ['rows whose DOM changed on the update', vue.rowsMutated, metal.rowsMutated],
  ].map(([name, v, r], i) => [name, fmt(v, i < 3 ? 1 : 0), fmt(r, i < 3 ? 1 : 0), fmt(v / r, 2)])
  const vueHeader = ['metric', 'Metal Vue', 'Metal React', 'Vue/React']
  console.log(
    `\nThe Vue DataTable next to the React one, same rows and page (medians of ${RUNS}):\n`,
  )
  printTable([vueHeader, ...vueRows])
  const firstAfterSort = (lib) => results[lib][0].sort.after.slice(0, 60)
  console.log(
    `First row after the sort (check both sorted the same way): Metal "${firstAfterSort('metal')}",` +
      ` Metal Vue "${firstAfterSort('metal-vue')}", MUI "${firstAfterSort('mui')}".`,
  )
} finally {
  await browser?.close()
  server?.close()
  await rm(outDir, { recursive: true, force: true })
}
