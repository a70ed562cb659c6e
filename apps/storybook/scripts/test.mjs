// Story tests of a Storybook app, run in its folder: `npm test -w @metal/storybook` or `-w
// @metal/storybook-vue` (node <this script> [--composed-into <main-app>] [extra vitest args]).
//
// Runs every story as a test in headless Chromium through the Storybook Vitest addon, writing
// .vitest-results.json for scripts/test-summary.mjs. The browser is Debian's Chromium: the one
// CHROMIUM_PATH names, or else /usr/bin/chromium (or `chromium` on PATH). Nothing downloads one.
//
// A full run (no extra vitest arguments) then checks the docs pages too: it builds the Storybook
// into a temporary folder and runs docs-a11y.mjs, which opens every docs page in Chromium and
// runs axe on the whole document; its pages count as tests in the report.
//
// --composed-into <main-app> (the Vue Storybook: `../storybook`): the full run builds that main
// Storybook first and this one into its vue/ folder, as the root `npm run build-storybook` lays
// them out, and composition.mjs checks in Chromium that the main one's sidebar shows this one's
// stories through its `refs` and renders them; its checks count as tests too.
//
// No browser found: the tests are skipped with a notice and an empty report, unless
// METAL_REQUIRE_BROWSER=1 (as in CI), which makes it a failure. Setting CHROMIUM_PATH turns the
// fallbacks off, so CHROMIUM_PATH=/nonexistent shows what a machine without Chromium does.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { CHROMIUM_HINT, findChromium } from '../../../scripts/chromium.mjs'
import { VUE_STORYBOOK_FOLDER } from './storybookRefs.mjs'

/** The Storybook app under test: the folder npm runs its `test` script in. */
const root = process.cwd()
const { name } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const report = join(root, '.vitest-results.json')
const required = process.env.METAL_REQUIRE_BROWSER === '1'
const args = process.argv.slice(2)
const composedAt = args.indexOf('--composed-into')
const composedInto = composedAt >= 0 ? resolve(root, args.splice(composedAt, 2)[1]) : null

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
    console.error(`${name}: FAIL: no Chromium at ${where}, and METAL_REQUIRE_BROWSER=1.`)
    console.error(how)
    writeEmptyReport(true)
    process.exit(1)
  }
  console.warn(`${name}: story tests SKIPPED: no Chromium at ${where}.`)
  console.warn(`${how} Set METAL_REQUIRE_BROWSER=1 to make a missing browser an error.`)
  writeEmptyReport(false)
  process.exit(0)
}

const extraArgs = args
const vitestArgs = [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.vitest-results.json',
  ...extraArgs,
]
const env = { ...process.env, CHROMIUM_PATH: chromium }

/** Runs a node script to its end; resolves with its exit code (1 when killed by a signal). */
function run(args, cwd = root) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd, stdio: 'inherit', env })
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

/** Runs a checking script with `--report <file>`; resolves with its exit code and counts. */
async function runCheck(script, site, reportFile) {
  const code = await run([join(import.meta.dirname, script), site, '--report', reportFile])
  const counts = existsSync(reportFile)
    ? JSON.parse(readFileSync(reportFile, 'utf8'))
    : { passed: 0, failed: 0 }
  return { code, ...counts }
}

/** Adds a check's counts to the story tests' report, as tests; returns its exit code. */
function addToReport({ code, passed, failed }) {
  if (!existsSync(report)) return code || 1
  const results = JSON.parse(readFileSync(report, 'utf8'))
  results.numTotalTests += passed + failed
  results.numPassedTests += passed
  results.numFailedTests += failed
  if (code !== 0 && failed === 0) results.numFailedTestSuites += 1
  results.success = results.success && code === 0
  writeFileSync(report, `${JSON.stringify(results)}\n`)
  return code
}

/**
 * Builds the Storybook (composed: the main one, then this one in its vue/ folder) and checks its
 * docs pages, and the composition; adds them to the report as tests.
 */
async function checkBuiltSite() {
  const out = mkdtempSync(join(tmpdir(), 'metal-storybook-'))
  try {
    const storybookBin = binOf('storybook', 'storybook')
    const main = join(out, 'site')
    const site = composedInto ? join(main, VUE_STORYBOOK_FOLDER) : main
    let built = composedInto
      ? await run([storybookBin, 'build', '--quiet', '-o', main], composedInto)
      : 0
    if (built === 0) built = await run([storybookBin, 'build', '--quiet', '-o', site])
    if (built !== 0) return addToReport({ code: built, passed: 0, failed: 0 })
    const docs = addToReport(await runCheck('docs-a11y.mjs', site, join(out, 'docs.json')))
    if (!composedInto) return docs
    const composed = addToReport(await runCheck('composition.mjs', main, join(out, 'comp.json')))
    return docs || composed
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
const docs = extraArgs.length === 0 ? await checkBuiltSite() : 0
process.exit(stories !== 0 ? stories : docs)
