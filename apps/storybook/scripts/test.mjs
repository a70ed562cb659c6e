// Story tests: `npm test -w @metal/storybook` (node scripts/test.mjs [extra vitest args]).
//
// Runs every story as a test in headless Chromium through the Storybook Vitest addon, writing
// .vitest-results.json for scripts/test-summary.mjs. The browser is Debian's Chromium: the one
// CHROMIUM_PATH names, or else /usr/bin/chromium (or `chromium` on PATH). Nothing downloads one.
//
// No browser found: the tests are skipped with a notice and an empty report, unless
// METAL_REQUIRE_BROWSER=1 (as in CI), which makes it a failure. Setting CHROMIUM_PATH turns the
// fallbacks off, so CHROMIUM_PATH=/nonexistent shows what a machine without Chromium does.
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { CHROMIUM_HINT, findChromium } from '../../../scripts/chromium.mjs'

const root = join(import.meta.dirname, '..')
const report = join(root, '.vitest-results.json')
const required = process.env.METAL_REQUIRE_BROWSER === '1'

/** A vitest-style JSON report with no tests (and one failed suite when the browser is required). */
function writeEmptyReport(failed) {
  const empty = {
    numTotalTestSuites: failed ? 1 : 0,
    numPassedTestSuites: 0,
    numFailedTestSuites: failed ? 1 : 0,
    numPendingTestSuites: 0,
    numTotalTests: 0,
    numPassedTests: 0,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    startTime: Date.now(),
    success: !failed,
    testResults: [],
  }
  writeFileSync(report, `${JSON.stringify(empty)}\n`)
}

const { path: chromium, looked } = findChromium()
if (!chromium) {
  const where = looked.join(', ')
  const how = CHROMIUM_HINT
  if (required) {
    console.error(`@metal/storybook: FAIL: no Chromium at ${where}, and METAL_REQUIRE_BROWSER=1.`)
    console.error(how)
    writeEmptyReport(true)
    process.exit(1)
  }
  console.warn(`@metal/storybook: story tests SKIPPED: no Chromium at ${where}.`)
  console.warn(`${how} Set METAL_REQUIRE_BROWSER=1 to make a missing browser an error.`)
  writeEmptyReport(false)
  process.exit(0)
}

const vitestArgs = [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.vitest-results.json',
  ...process.argv.slice(2),
]
// Vitest's own bin, so this works outside `npm run` too.
const vitestPkg = createRequire(join(root, 'package.json')).resolve('vitest/package.json')
const vitestBin = join(dirname(vitestPkg), JSON.parse(readFileSync(vitestPkg, 'utf8')).bin.vitest)
const child = spawn(process.execPath, [vitestBin, ...vitestArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium },
})
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
