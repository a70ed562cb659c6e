// Packaging test: `npm run pack-test` (node scripts/pack-test/pack-test.mjs [--keep]).
//
// Builds a new app the way a user would, from the packed tarballs rather than the workspace:
// `npm pack` of @metal/core, @metal/react and @metal/ui into a temporary folder outside the
// repository, the small Vite + React + TypeScript app of scripts/pack-test/app beside them, then
// the install line of packages/ui/README.md (its `npm install …` line, with the @metal packages
// taken from the tarballs and every other package at the version the workspace has), then
// `tsc --noEmit` and `vite build`. The repository's node_modules are only read (for versions).
//
// It fails, printing what went wrong, when the install line leaves out a package that a packed
// @metal package needs as a peer, when npm reports a missing or invalid dependency, when the app
// does not type-check or build, or when the built CSS lacks the theme or base styles.
// Build first (`npm run build`); `npm test` runs this after the build and the tests.
// --keep leaves the temporary folder in place (it is always kept after a failure).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

const root = join(import.meta.dirname, '..', '..')
const readme = join(root, 'packages', 'ui', 'README.md')
const PACKED = { '@metal/core': 'core', '@metal/react': 'react', '@metal/ui': 'ui' }
/** What the app needs to build, besides what the README installs. */
const TOOLS = ['typescript', 'vite', '@vitejs/plugin-react', '@types/react', '@types/react-dom']
const keep = process.argv.includes('--keep')

let work = null

/** Stops the test: prints why (and the output of the step that failed) and exits 1. */
function fail(message, output = '') {
  if (output) console.error(output.trimEnd())
  console.error(`\npack-test: FAIL: ${message}`)
  if (work) console.error(`pack-test: the app is in ${work}`)
  process.exit(1)
}

/** Runs a command; returns its output, or fails with it. */
function run(command, args, cwd, what) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`
  if (result.error) fail(`${what}: ${result.error.message}`)
  if (result.status !== 0) fail(`${what} exited with ${result.status}`, output)
  return output
}

/** The version of `name` installed in the workspace, or null. */
function workspaceVersion(name) {
  const file = join(root, 'node_modules', name, 'package.json')
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null
}

/** The package names of the first `npm install` line in the README's sh blocks. */
function readmeInstallLine() {
  const text = readFileSync(readme, 'utf8')
  const line = /^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm
  for (const [, block] of text.matchAll(line)) {
    const install = block.split('\n').find((l) => /^\s*npm (install|i) /.test(l))
    if (!install) continue
    const words = install.replace(/#.*$/, '').trim().split(/\s+/).slice(2)
    return { line: install.trim(), names: words.filter((w) => !w.startsWith('-')) }
  }
  fail(`no \`npm install …\` line in a sh block of ${relative(root, readme)}`)
}

// ─── Pack ───

for (const dir of Object.values(PACKED)) {
  if (!existsSync(join(root, 'packages', dir, 'dist'))) {
    fail(`packages/${dir}/dist is missing: build first (npm run build)`)
  }
}
work = mkdtempSync(join(tmpdir(), 'metal-pack-test-'))
const tarballs = join(work, 'tarballs')
mkdirSync(tarballs)
const tarballOf = {}
for (const [name, dir] of Object.entries(PACKED)) {
  const out = run(
    'npm',
    ['pack', '--json', '--ignore-scripts', '--pack-destination', tarballs],
    join(root, 'packages', dir),
    `npm pack (${name})`,
  )
  const [{ filename, files }] = JSON.parse(out.slice(out.indexOf('[')))
  tarballOf[name] = join(tarballs, filename)
  console.log(`pack-test: packed ${name} (${files.length} files)`)
}

// ─── The app and its install ───

const { line, names } = readmeInstallLine()
console.log(`pack-test: README install line: ${line}`)
const specs = names.map((name) => {
  if (/^(@[^/]+\/)?[^@]+@/.test(name)) fail(`the install line pins a version: '${name}'`)
  if (tarballOf[name]) return tarballOf[name]
  if (name.startsWith('@metal/')) fail(`the install line names '${name}', which is not packed here`)
  const version = workspaceVersion(name)
  if (!version) fail(`'${name}' (README install line) is not installed in the workspace`)
  return `${name}@${version}`
})

// Every peer a packed package requires must be on the install line, whether or not npm would
// have filled it in by itself: the README is the user's only instructions.
for (const name of names.filter((n) => tarballOf[n])) {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', PACKED[name], 'package.json'), 'utf8'))
  const optional = pkg.peerDependenciesMeta ?? {}
  const missing = Object.keys(pkg.peerDependencies ?? {}).filter(
    (peer) => !optional[peer]?.optional && !names.includes(peer),
  )
  if (missing.length) {
    fail(`the README install line leaves out ${missing.join(', ')}, which ${name} needs (a peer)`)
  }
}

cpSync(join(import.meta.dirname, 'app'), work, { recursive: true })
const devDependencies = Object.fromEntries(
  TOOLS.map((name) => {
    const version = workspaceVersion(name)
    if (!version) fail(`'${name}' is not installed in the workspace`)
    return [name, version]
  }),
)
writeFileSync(
  join(work, 'package.json'),
  `${JSON.stringify({ name: 'metal-pack-test', private: true, type: 'module', devDependencies }, null, 2)}\n`,
)
console.log(`pack-test: npm install in ${work}`)
run('npm', ['install', '--no-audit', '--no-fund', ...specs], work, 'npm install')
// Missing or invalid (peer) dependencies anywhere in the tree.
run('npm', ['ls', '--all'], work, 'npm ls --all (dependency problems)')

// ─── Type-check and build ───

const bin = (name) => join(work, 'node_modules', '.bin', name)
run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], work, 'tsc --noEmit')
console.log('pack-test: tsc --noEmit: clean')
run(bin('vite'), ['build', '--logLevel', 'warn'], work, 'vite build')
const assets = join(work, 'dist', 'assets')
const css = readdirSync(assets)
  .filter((f) => f.endsWith('.css'))
  .map((f) => readFileSync(join(assets, f), 'utf8'))
  .join('\n')
for (const [what, needle] of [
  ['theme.css (colour tokens)', '--metal-sys-color-surface'],
  ['theme.css (component styles)', 'data-scope'],
  ['base.css (page styles)', 'font-smoothing'],
  ['@fontsource/roboto (the font files)', '@font-face'],
]) {
  if (!css.includes(needle)) fail(`the built CSS lacks ${what}: no '${needle}'`)
}
console.log('pack-test: vite build: clean, CSS has the theme, the base styles and the font')

if (keep) console.log(`pack-test: kept ${work}`)
else rmSync(work, { recursive: true, force: true })
console.log('pack-test: the packed @metal/core, @metal/react and @metal/ui build a new app')
