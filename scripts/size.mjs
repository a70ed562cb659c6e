// Bundle-size check: `npm run size` (node scripts/size.mjs [--why] [name-or-id ...]).
//
// For each entry in scripts/size-budgets.json it bundles the built file with esbuild (bundle,
// minify, ESM, platform neutral; the package's peerDependencies stay external), gzips the result
// with node:zlib and prints "@metal/core: 12.3 KB min+gzip (budget 15 KB)".
// Exits 1 when an entry is over budget or its dist file is missing. A package that has no
// src/index.ts yet (not written) is skipped with a notice instead. Build first: `npm run build`.
// --why lists the files that contribute most to each bundle (minified bytes before gzip).
// An entry with `within: { of, percent }` is compared with the entry whose `id` is `of` (the
// Vue views against the React views): both sizes and the ratio are printed, and it fails when it
// is more than `percent` larger up front (min+gzip), measured the same way as that entry.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = join(import.meta.dirname, '..')
const configFile = join(root, 'scripts', 'size-budgets.json')
const KB = 1024

const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`

/** Newest modification time of the files under `dir` (tests excluded), or 0. */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0
  let newest = 0
  for (const name of readdirSync(dir)) {
    if (name === '__tests__') continue
    const path = join(dir, name)
    const stat = statSync(path)
    newest = Math.max(newest, stat.isDirectory() ? newestMtime(path) : stat.mtimeMs)
  }
  return newest
}

/**
 * What an app's entry loads up front: the app code in `item.code` is bundled with code splitting,
 * and only the chunks it imports statically (transitively) count; chunks behind a dynamic
 * `import()` (the embedded backend, transactions…) are reported as loaded on demand.
 */
async function measureApp(code, pkgDir, pkg, loads = []) {
  const peers = Object.keys(pkg.peerDependencies ?? {})
  const result = await build({
    stdin: { contents: code, resolveDir: pkgDir, loader: 'js' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    outdir: join(root, '.size-out'),
    external: peers.flatMap((name) => [name, `${name}/*`]),
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    metafile: true,
  })
  const outputs = result.metafile.outputs
  const files = new Map(result.outputFiles.map((f) => [relative(root, f.path), f.contents]))
  const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint === '<stdin>')
  const eager = new Set()
  const visit = (name) => {
    if (eager.has(name)) return
    eager.add(name)
    for (const imp of outputs[name].imports) {
      // Peers stay external: they are the app's, not part of any chunk.
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path)
    }
  }
  visit(entry)
  // Chunks the app always loads although they are imported dynamically (the embedded backend is
  // loaded on first connect): `item.loads` names the module each is the dynamic import of.
  for (const name of Object.keys(outputs)) {
    const entryPoint = outputs[name].entryPoint ?? ''
    if (loads.some((path) => entryPoint.includes(path))) visit(name)
  }
  // esbuild cuts shared code into several chunks where Rollup (Vite) would put it in the app's
  // entry chunk: the eager chunks are measured together, as one file, and so are the lazy ones.
  const eagerCode = []
  const lazyCode = []
  for (const [name, contents] of files) {
    if (!outputs[name]) continue
    ;(eager.has(name) ? eagerCode : lazyCode).push(Buffer.from(contents).toString('utf8'))
  }
  const min = eagerCode.join('\n').length
  const gzip = gzipSync(eagerCode.join('\n'), { level: 9 }).length
  const lazy = lazyCode.length ? gzipSync(lazyCode.join('\n'), { level: 9 }).length : 0
  return { min, gzip, lazy, peers, inputs: [] }
}

/** Minified + gzipped size of one entry, with its package's peer dependencies left external. */
async function measure(entryFile, pkg, withMetafile, overFile) {
  if (overFile) {
    // The cost this entry adds on top of another entry of the same package (shared code counted once).
    const base = await measure(overFile, pkg, false)
    const both = await measure(
      {
        contents: `export * from ${JSON.stringify(overFile)}\nexport * from ${JSON.stringify(entryFile)}`,
      },
      pkg,
      withMetafile,
    )
    return { ...both, min: both.min - base.min, gzip: both.gzip - base.gzip }
  }
  const peers = Object.keys(pkg.peerDependencies ?? {})
  const entry =
    typeof entryFile === 'string'
      ? { entryPoints: [entryFile] }
      : { stdin: { contents: entryFile.contents, resolveDir: root, loader: 'js' } }
  const result = await build({
    ...entry,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    target: 'es2022',
    // Peer dependencies (and their subpaths, e.g. react/jsx-runtime) are the host app's to ship.
    external: peers.flatMap((name) => [name, `${name}/*`]),
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
    metafile: withMetafile,
  })
  const code = result.outputFiles[0].contents
  const inputs = withMetafile
    ? Object.entries(Object.values(result.metafile.outputs)[0].inputs)
        .map(([file, info]) => [file, info.bytesInOutput])
        .sort((a, b) => b[1] - a[1])
    : []
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length, peers, inputs }
}

async function main() {
  const config = JSON.parse(readFileSync(configFile, 'utf8'))
  const args = process.argv.slice(2)
  const why = args.includes('--why') // list the biggest files in each bundle
  const only = args.filter((a) => !a.startsWith('--'))
  let failed = 0
  let matched = 0
  /** Up-front and on-demand min+gzip bytes of the entries measured so far, by `id`. */
  const measured = new Map()
  const byId = new Map(config.entries.filter((e) => e.id).map((e) => [e.id, e]))
  for (const item of config.entries) {
    if (item.within && !byId.has(item.within.of)) {
      console.log(`size-budgets.json: '${item.within.of}' (within.of) names no entry's id`)
      process.exit(1)
    }
  }
  /** Prints how `item` compares with the entry it must stay within; false when it does not. */
  const compare = async (item, name, size) => {
    const { of, percent } = item.within
    const other = byId.get(of)
    let base = measured.get(of)
    if (!base) {
      // Left out by the command line: measured here, the same way, without its own report.
      const otherDir = join(root, other.package)
      const otherPkg = JSON.parse(readFileSync(join(otherDir, 'package.json'), 'utf8'))
      base = other.code
        ? await measureApp(other.code, otherDir, otherPkg, other.loads)
        : await measure(join(otherDir, other.entry), otherPkg, false)
    }
    const ratio = size.gzip / base.gzip
    const pct = (r) => `${Math.round(r * 100)}%`
    const lazy =
      size.lazy !== undefined && base.lazy
        ? `; on demand ${kb(size.lazy)} vs ${kb(base.lazy)} (${pct(size.lazy / base.lazy)})`
        : ''
    const line = `  ${item.id ?? name} vs ${of}: ${kb(size.gzip)} vs ${kb(base.gzip)} min+gzip up front, ${pct(ratio)} (at most ${100 + percent}%)${lazy}`
    if (ratio > 1 + percent / 100) {
      console.log(`${line} MORE THAN ${percent}% LARGER than ${of}`)
      return false
    }
    console.log(line)
    return true
  }
  for (const item of config.entries) {
    const pkgDir = join(root, item.package)
    const pkgFile = join(pkgDir, 'package.json')
    const pkg = existsSync(pkgFile) ? JSON.parse(readFileSync(pkgFile, 'utf8')) : null
    const name = item.name ?? pkg?.name ?? item.package
    if (only.length > 0 && !only.includes(name) && !only.includes(item.id)) continue
    matched++
    const budget = item.budgetKB * KB
    const label = `${name}: `
    if (item.code) {
      if (!existsSync(join(pkgDir, 'dist'))) {
        console.log(`${label}FAIL: ${relative(root, pkgDir)}/dist is missing; build it first`)
        failed++
        continue
      }
      const size = await measureApp(item.code, pkgDir, pkg, item.loads)
      const line = `${label}${kb(size.gzip)} min+gzip loaded${item.loads ? ` (with ${item.loads.join(', ')})` : ' up front'}, ${kb(size.lazy)} more on demand (budget ${item.budgetKB} KB)`
      if (size.gzip > budget) {
        console.log(`${line} OVER BUDGET by ${kb(size.gzip - budget)}`)
        failed++
      } else console.log(line)
      console.log(`  ${kb(size.min)} minified up front`)
      if (item.id) measured.set(item.id, size)
      if (item.within && !(await compare(item, name, size))) failed++
      continue
    }
    const entryFile = join(pkgDir, item.entry)

    if (!existsSync(entryFile)) {
      if (!pkg || !existsSync(join(pkgDir, 'src', 'index.ts'))) {
        console.log(`${label}skipped: no ${relative(root, join(pkgDir, 'src', 'index.ts'))} yet`)
        continue
      }
      console.log(
        `${label}FAIL: ${relative(root, entryFile)} is missing; build it first (npm run build)`,
      )
      failed++
      continue
    }
    if (!pkg) {
      console.log(`${label}FAIL: no package.json in ${item.package}`)
      failed++
      continue
    }

    let size
    try {
      size = await measure(entryFile, pkg, why, item.over && join(pkgDir, item.over))
    } catch (error) {
      const messages = error.errors?.map((e) => e.text).join('; ') ?? String(error)
      console.log(
        `${label}FAIL: esbuild could not bundle ${relative(root, entryFile)}: ${messages}`,
      )
      failed++
      continue
    }
    const over = size.gzip > budget
    const what = item.over ? `${item.entry} adds` : ''
    const line = `${label}${what ? `${what} ` : ''}${kb(size.gzip)} min+gzip${item.over ? ` over ${item.over}` : ''} (budget ${item.budgetKB} KB)`
    const detail = `  ${kb(size.min)} minified${size.peers.length ? `; external peers: ${size.peers.join(', ')}` : ''}`
    if (over) {
      console.log(`${line} OVER BUDGET by ${kb(size.gzip - budget)}`)
      failed++
    } else console.log(line)
    console.log(detail)
    if (item.id) measured.set(item.id, size)
    if (item.within && !(await compare(item, name, size))) failed++
    for (const [file, bytes] of size.inputs.slice(0, 15)) {
      console.log(`    ${kb(bytes).padStart(8)} min  ${relative(root, join(process.cwd(), file))}`)
    }
    if (newestMtime(join(pkgDir, 'src')) > statSync(entryFile).mtimeMs) {
      console.log(
        `  note: ${relative(root, pkgDir)}/src is newer than ${item.entry}; rebuild for an up-to-date figure`,
      )
    }
  }
  if (only.length > 0 && matched === 0) {
    console.log(`no size entry matched ${only.join(', ')}`)
    process.exit(1)
  }
  process.exit(failed > 0 ? 1 : 0)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
