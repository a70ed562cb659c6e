// Story tests: `npm test -w @metal/storybook` (node scripts/test.mjs [extra vitest args]).
//
// Runs every story as a test in headless Chromium through the Storybook Vitest addon, writing
// .vitest-results.json for scripts/test-summary.mjs. The browser is Debian's Chromium: the one
// CHROMIUM_PATH names, or else /usr/bin/chromium (or `chromium` on PATH). Nothing downloads one.
//
// A full run (no extra arguments) then checks the docs pages too: it builds the Storybook into a
// temporary folder and runs scripts/docs-a11y.mjs, which opens every docs page in Chromium and
// runs axe on the whole document; its pages count as tests in the report.
//
// No browser found: the tests are skipped with a notice and an empty report, unless
// METAL_REQUIRE_BROWSER=1 (as in CI), which makes it a failure. Setting CHROMIUM_PATH turns the
// fallbacks off, so CHROMIUM_PATH=/nonexistent shows what a machine without Chromium does.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
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

const extraArgs = process.argv.slice(2)
const vitestArgs = [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.vitest-results.json',
  ...extraArgs,
]
const env = { ...process.env, CHROMIUM_PATH: chromium }

/** Runs a node script to its end; resolves with its exit code (1 when killed by a signal). */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env })
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

/** Builds the Storybook and checks its docs pages; adds them to the report as tests. */
async function checkDocsPages() {
  const out = mkdtempSync(join(tmpdir(), 'metal-storybook-'))
  const summaryFile = join(out, 'docs-a11y.json')
  try {
    const storybookBin = binOf('storybook', 'storybook')
    const site = join(out, 'site')
    const built = await run([storybookBin, 'build', '--quiet', '-o', site])
    const code =
      built === 0 ? await run(['scripts/docs-a11y.mjs', site, '--report', summaryFile]) : built
    const docs = existsSync(summaryFile)
      ? JSON.parse(readFileSync(summaryFile, 'utf8'))
      : { passed: 0, failed: 0 }
    if (!existsSync(report)) return code || 1
    const results = JSON.parse(readFileSync(report, 'utf8'))
    results.numTotalTests += docs.passed + docs.failed
    results.numPassedTests += docs.passed
    results.numFailedTests += docs.failed
    if (code !== 0 && docs.failed === 0) results.numFailedTestSuites += 1
    results.success = results.success && code === 0
    writeFileSync(report, `${JSON.stringify(results)}\n`)
    return code
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/** A package's own bin, so this works outside `npm run` too. */
function binOf(name, command) {
  const pkgFile = createRequire(join(root, 'package.json')).resolve(`${name}/package.json`)
  const { bin } = JSON.parse(readFileSync(pkgFile, 'utf8'))
  return join(dirname(pkgFile), typeof bin === 'string' ? bin : bin[command])
}

const stories = await run([binOf('vitest', 'vitest'), ...vitestArgs])
const docs = extraArgs.length === 0 ? await checkDocsPages() : 0
process.exit(stories !== 0 ? stories : docs)
