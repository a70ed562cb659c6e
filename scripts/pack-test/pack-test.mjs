// Packaging test: `npm run pack-test` (node scripts/pack-test/pack-test.mjs [--keep] [react|vue]).
//
// Builds new apps the way a user would, from the packed tarballs rather than the workspace:
// `npm pack` of @metal/core, @metal/react, @metal/vue and @metal/ui into a temporary folder
// outside the repository, then one app per framework beside them:
// - react: the small Vite + React + TypeScript app of scripts/pack-test/app, installed with the
//   React install line of packages/ui/README.md, then `tsc --noEmit` and `vite build`;
// - vue: a Vite + Vue app made of the README's Vue examples (its ```vue / ```ts blocks copied from
//   examples/vue/, `setup.ts` as src/main.ts) and scripts/pack-test/app-vue (index.html, configs,
//   and an App.vue that puts the examples on one page), installed with the README's Vue install
//   line, then `vue-tsc --noEmit` (library types checked too: a broken published .d.ts fails),
//   `vite build`, and one render of the built page in Chromium (playwright-core from the
//   workspace) that must show the examples' content and log no errors.
// Each install line has the @metal packages taken from the tarballs and every other package at
// the version the workspace has. The repository's node_modules are only read (for versions, and
// playwright-core to drive the browser).
//
// It fails, printing what went wrong, when an install line leaves out a package that a packed
// @metal package needs as a peer (for the Vue line, the Vue peers of @metal/ui too), when npm
// reports a missing or invalid dependency, when an app does not type-check or build, when the
// built CSS lacks the theme or base styles, or when the Vue page does not render. Both apps run
// even when the first fails. Without Chromium the render is skipped with a notice, unless
// METAL_REQUIRE_BROWSER=1 (CI), where that fails.
// Build first (`npm run build`); `npm test` runs this after the build and the tests.
// --keep leaves the temporary folder in place (it is always kept after a failure).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { renderVueApp } from './renderVueApp.mjs'

const root = join(import.meta.dirname, '..', '..')
const readme = join(root, 'packages', 'ui', 'README.md')
const PACKED = {
  '@metal/core': 'core',
  '@metal/react': 'react',
  '@metal/vue': 'vue',
  '@metal/ui': 'ui',
}

/** The apps: which README install line each takes, and what it needs to build besides. */
const APPS = {
  react: {
    template: 'app',
    /** The README's install line for this app is the one naming this package. */
    marker: '@metal/react',
    /** Optional peers of @metal/ui the views of this framework need: on the line too. */
    framework: /react/,
    tools: ['typescript', 'vite', '@vitejs/plugin-react', '@types/react', '@types/react-dom'],
    typecheck: ['tsc', ['--noEmit', '-p', 'tsconfig.json']],
  },
  vue: {
    template: 'app-vue',
    marker: '@metal/vue',
    framework: /vue/,
    // zod: the validator of the README's form examples.
    tools: ['typescript', 'vite', '@vitejs/plugin-vue', 'vue-tsc', 'zod'],
    typecheck: ['vue-tsc', ['--noEmit', '-p', 'tsconfig.json']],
  },
}

const args = process.argv.slice(2)
const keep = args.includes('--keep')
const chosen = args.filter((a) => !a.startsWith('--'))
for (const name of chosen) {
  if (!APPS[name]) {
    console.error(`pack-test: unknown app '${name}' (${Object.keys(APPS).join(', ')})`)
    process.exit(2)
  }
}
const apps = chosen.length ? chosen : Object.keys(APPS)

/** A failed step: why, and the output of the command that failed. */
class PackTestFailure extends Error {
  constructor(message, output = '') {
    super(message)
    this.output = output
  }
}

/** Stops the current app: prints why (and the output of the step that failed). */
function fail(message, output = '') {
  throw new PackTestFailure(message, output)
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

/** The package names of the README's first `npm install` line (in a sh block) naming `marker`. */
function readmeInstallLine(marker) {
  const text = readFileSync(readme, 'utf8')
  const blocks = /^```(?:sh|bash|shell)\n([\s\S]*?)^```/gm
  for (const [, block] of text.matchAll(blocks)) {
    for (const install of block.split('\n').filter((l) => /^\s*npm (install|i) /.test(l))) {
      const words = install.replace(/#.*$/, '').trim().split(/\s+/).slice(2)
      const names = words.filter((w) => !w.startsWith('-'))
      if (names.includes(marker)) return { line: install.trim(), names }
    }
  }
  fail(`no \`npm install …\` line naming ${marker} in a sh block of ${relative(root, readme)}`)
}

/** The README's code blocks copied from examples/vue/: `{ file, code }` (file relative to it). */
function readmeVueExamples() {
  const text = readFileSync(readme, 'utf8')
  const blocks = /^```(\w+)[ \t]+[^\n]*?file=examples\/vue\/(\S+)[^\n]*\n([\s\S]*?)^```/gm
  const found = [...text.matchAll(blocks)].map(([, , file, code]) => ({ file, code }))
  if (!found.some((e) => e.file === 'setup.ts')) {
    fail(`${relative(root, readme)} shows no examples/vue/setup.ts (the Vue app's main.ts)`)
  }
  return found
}

// ─── Pack ───

const packedNeeded = new Set(['@metal/core', '@metal/ui', ...apps.map((a) => APPS[a].marker)])
for (const [name, dir] of Object.entries(PACKED)) {
  if (packedNeeded.has(name) && !existsSync(join(root, 'packages', dir, 'dist'))) {
    console.error(`pack-test: FAIL: packages/${dir}/dist is missing: build first (npm run build)`)
    process.exit(1)
  }
}
const work = mkdtempSync(join(tmpdir(), 'metal-pack-test-'))
const tarballs = join(work, 'tarballs')
mkdirSync(tarballs)
const tarballOf = {}
try {
  for (const [name, dir] of Object.entries(PACKED)) {
    if (!packedNeeded.has(name)) continue
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
} catch (error) {
  if (error.output) console.error(error.output.trimEnd())
  console.error(`\npack-test: FAIL: ${error.message}\npack-test: see ${work}`)
  process.exit(1)
}

// ─── One app ───

/** Installs, type-checks and builds one app in `dir`; throws a PackTestFailure. */
async function buildApp(name, dir) {
  const app = APPS[name]
  const { line, names } = readmeInstallLine(app.marker)
  console.log(`pack-test (${name}): README install line: ${line}`)
  const specs = names.map((pkg) => {
    if (/^(@[^/]+\/)?[^@]+@/.test(pkg)) fail(`the install line pins a version: '${pkg}'`)
    if (tarballOf[pkg]) return tarballOf[pkg]
    if (pkg.startsWith('@metal/')) fail(`the install line names '${pkg}', which is not packed here`)
    const version = workspaceVersion(pkg)
    if (!version) fail(`'${pkg}' (README install line) is not installed in the workspace`)
    return `${pkg}@${version}`
  })

  // Every peer a packed package requires must be on the install line, whether or not npm would
  // have filled it in by itself: the README is the user's only instructions. Of @metal/ui's
  // optional peers, those of this app's framework are required too (its views import them).
  for (const pkgName of names.filter((n) => tarballOf[n])) {
    const file = join(root, 'packages', PACKED[pkgName], 'package.json')
    const pkg = JSON.parse(readFileSync(file, 'utf8'))
    const optional = pkg.peerDependenciesMeta ?? {}
    const missing = Object.keys(pkg.peerDependencies ?? {}).filter(
      (peer) =>
        !names.includes(peer) &&
        (!optional[peer]?.optional || (pkgName === '@metal/ui' && app.framework.test(peer))),
    )
    if (missing.length) {
      fail(
        `the README install line leaves out ${missing.join(', ')}, which ${pkgName} needs (a peer)`,
      )
    }
  }

  cpSync(join(import.meta.dirname, app.template), dir, { recursive: true })
  if (name === 'vue') {
    // The README's examples as a user copies them; the template's App.vue (every example on one
    // page) stands in for the README's "Hello" App.vue, which setup.ts mounts.
    for (const { file, code } of readmeVueExamples()) {
      const target = join(dir, 'src', file === 'setup.ts' ? 'main.ts' : file)
      if (file === 'App.vue') continue
      writeFileSync(target, `${code}\n`)
    }
  }
  const devDependencies = Object.fromEntries(
    app.tools.map((tool) => {
      const version = workspaceVersion(tool)
      if (!version) fail(`'${tool}' is not installed in the workspace`)
      return [tool, version]
    }),
  )
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: `metal-pack-test-${name}`, private: true, type: 'module', devDependencies }, null, 2)}\n`,
  )
  console.log(`pack-test (${name}): npm install in ${dir}`)
  run('npm', ['install', '--no-audit', '--no-fund', ...specs], dir, 'npm install')
  // Missing or invalid (peer) dependencies anywhere in the tree.
  run('npm', ['ls', '--all'], dir, 'npm ls --all (dependency problems)')

  // ─── Type-check and build ───

  const bin = (tool) => join(dir, 'node_modules', '.bin', tool)
  const [checker, checkArgs] = app.typecheck
  run(bin(checker), checkArgs, dir, `${checker} --noEmit`)
  console.log(`pack-test (${name}): ${checker} --noEmit: clean`)
  run(bin('vite'), ['build', '--logLevel', 'warn'], dir, 'vite build')
  const assets = join(dir, 'dist', 'assets')
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
  console.log(
    `pack-test (${name}): vite build: clean, CSS has the theme, the base styles and the font`,
  )

  if (name === 'vue') {
    const rendered = await renderVueApp(join(dir, 'dist'))
    if (rendered.skipped) console.log(`pack-test (vue): render skipped: ${rendered.skipped}`)
    else if (rendered.problems.length) {
      fail(`the built Vue page does not render as it should:\n  ${rendered.problems.join('\n  ')}`)
    } else console.log(`pack-test (vue): rendered in Chromium: ${rendered.summary}`)
  }
}

let failed = 0
for (const name of apps) {
  const dir = join(work, name)
  try {
    await buildApp(name, dir)
    console.log(`pack-test (${name}): the packed packages build a new ${name} app`)
  } catch (error) {
    if (!(error instanceof PackTestFailure)) throw error
    failed++
    if (error.output) console.error(error.output.trimEnd())
    console.error(`\npack-test (${name}): FAIL: ${error.message}`)
    console.error(`pack-test (${name}): the app is in ${dir}`)
  }
}

if (failed) process.exit(1)
if (keep) console.log(`pack-test: kept ${work}`)
else rmSync(work, { recursive: true, force: true })
const built = apps.length > 1 ? `new ${apps.join(' and ')} apps` : `a new ${apps[0]} app`
console.log(`pack-test: the packed ${[...packedNeeded].join(', ')} build ${built}`)
