// Sums the vitest JSON reports every workspace writes during `npm test` and prints one line:
// "N passed, N failed". Exits 1 when a test failed or a workspace with tests wrote no report.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
let passed = 0
let failed = 0
let missing = []
for (const group of ['packages', 'apps']) {
  const dir = join(root, group)
  if (!existsSync(dir)) continue
  for (const name of readdirSync(dir)) {
    const pkgFile = join(dir, name, 'package.json')
    if (!existsSync(pkgFile)) continue
    const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'))
    if (!pkg.scripts?.test) continue
    const report = join(dir, name, '.vitest-results.json')
    if (!existsSync(report)) {
      missing.push(pkg.name)
      continue
    }
    const r = JSON.parse(readFileSync(report, 'utf8'))
    passed += r.numPassedTests ?? 0
    failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0)
  }
}
if (missing.length) console.error(`no test report from: ${missing.join(', ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || missing.length > 0 ? 1 : 0)
