// README snippets are type-checked: `npm run check-readmes` (node scripts/check-readme-snippets.mjs).
//
// Every ```ts and ```tsx block of the root README.md and of each workspace's README.md is written
// to its own module under .readme-snippets/ (gitignored) and type-checked with the TypeScript
// compiler API against a strict config that extends tsconfig.base.json. The folder sits in the
// repository so `@metal/*` resolves through the workspace node_modules to the built `dist` types,
// the way a user sees them: build first (`npm run build`).
//
// A block that is a deliberate fragment opts out on its fence line: ```ts no-check. Use it
// sparingly; a complete snippet (imports and declarations included) is worth more.
//
// A block may instead be a copy of an example file, named on its fence line relative to the
// README: ```tsx file=examples/form.tsx. The block must equal the file (which its package
// type-checks with `npm run typecheck` and lints like any source). A README beside an
// examples/ folder with a tsconfig.json must take every ts/tsx/vue block from a file; --write
// copies the files into their blocks.
// Vue single-file components work the same way (```vue file=examples/vue/Form.vue) but are not
// type-checked here: the TypeScript compiler cannot read a .vue file, so the package type-checks
// them with vue-tsc (packages/ui: `vue-tsc -p examples/vue/tsconfig.json` in its `typecheck`).
// A `.vue` file must be shown in a ```vue block, and a ```vue block may only copy a `.vue` file.
// Failures print as `README path:line: TS code: message`; any failure exits 1.
// --skip <path> (repeatable) leaves out one README, e.g. `--skip packages/vue/README.md`.
// --keep leaves the generated folder in place (it is otherwise removed after a clean run).
// --write rewrites the `file=` blocks of the READMEs from their files, then checks as usual.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import ts from 'typescript'

const root = join(import.meta.dirname, '..')
const outDir = join(root, '.readme-snippets')
const CHECKED = new Set(['ts', 'tsx', 'typescript'])
/** Blocks that may (or, beside an examples/ folder, must) copy an example file. */
const FROM_FILES = new Set([...CHECKED, 'vue'])
const OPT_OUT = 'no-check'

// ─── Arguments ───

const skip = new Set()
let keep = false
let write = false
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--skip' && args[i + 1]) skip.add(toPosix(relative(root, resolve(args[++i]))))
  else if (args[i] === '--keep') keep = true
  else if (args[i] === '--write') write = true
  else {
    console.error(`check-readme-snippets: unknown argument '${args[i]}'`)
    process.exit(2)
  }
}

function toPosix(path) {
  return path.split(sep).join('/')
}

// ─── Finding the READMEs and their blocks ───

/** The root README and the README of every workspace folder (package.json `workspaces` globs). */
function findReadmes() {
  const { workspaces = [] } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  const dirs = ['.']
  for (const pattern of workspaces) {
    if (pattern.endsWith('/*')) {
      const parent = pattern.slice(0, -2)
      if (!existsSync(join(root, parent))) continue
      for (const entry of readdirSync(join(root, parent), { withFileTypes: true }).sort((a, b) =>
        a.name.localeCompare(b.name),
      )) {
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`)
      }
    } else dirs.push(pattern)
  }
  return dirs
    .map((dir) => (dir === '.' ? 'README.md' : `${dir}/README.md`))
    .filter((path) => existsSync(join(root, path)))
}

/**
 * The fenced code blocks of a Markdown file: `{ lang, info, line, code }`, where `line` is the
 * 1-based line of the first code line. Fences follow CommonMark: ``` or ~~~, closed by the same
 * character at least as long.
 */
function extractBlocks(markdown) {
  const lines = markdown.split(/\r?\n/)
  const blocks = []
  let open = null
  lines.forEach((text, index) => {
    if (!open) {
      const match = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(text)
      if (match) {
        const [, fence, lang, rest] = match
        open = { fence, lang: lang.toLowerCase(), info: rest.trim(), line: index + 2, body: [] }
      }
      return
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text)
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      const { lang, info, line, body } = open
      blocks.push({ lang, info, line, end: index + 1, code: body.join('\n') })
      open = null
    } else open.body.push(text)
  })
  return blocks
}

// ─── Writing the snippets ───

rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })

/** Snippet file → where it came from. */
const origins = new Map()
let optedOut = 0
/** ```vue blocks copied from a .vue file (vue-tsc checks the file in its package). */
let vueFromFiles = 0
const readmes = findReadmes()
for (const path of skip) {
  if (!readmes.includes(path)) {
    console.error(
      `check-readme-snippets: --skip ${path}: no such README among ${readmes.join(', ')}`,
    )
    process.exit(2)
  }
}
/** Blocks that differ from their example file, or should come from one: `path:line: why`. */
const fileProblems = []

/** The example file a block copies (`file=…` on its fence line), or null. */
function exampleOf(block) {
  const spec = block.info.split(/\s+/).find((word) => word.startsWith('file='))
  return spec ? spec.slice('file='.length) : null
}

/**
 * Checks (or with --write, rewrites) the blocks of a README that copy an example file; returns
 * its blocks as they now are.
 */
function syncExamples(readme) {
  const path = join(root, readme)
  const text = readFileSync(path, 'utf8')
  const blocks = extractBlocks(text)
  const withExamples = existsSync(join(root, dirname(readme), 'examples', 'tsconfig.json'))
  const lines = text.split('\n')
  let changed = false
  for (const block of [...blocks].reverse()) {
    if (!FROM_FILES.has(block.lang)) continue
    const file = exampleOf(block)
    if (!file) {
      if (withExamples) {
        fileProblems.push(
          `${readme}:${block.line - 1}: take this block from a file under examples/ (file=…)`,
        )
      }
      continue
    }
    if (file.endsWith('.vue') !== (block.lang === 'vue')) {
      fileProblems.push(
        `${readme}:${block.line - 1}: a \`\`\`${block.lang} block cannot show ${file} (.vue files go in \`\`\`vue blocks, and only they)`,
      )
      continue
    }
    const source = join(root, dirname(readme), file)
    if (!existsSync(source)) {
      fileProblems.push(`${readme}:${block.line - 1}: no such example file: ${file}`)
      continue
    }
    const code = readFileSync(source, 'utf8').replace(/\n$/, '')
    if (code === block.code) continue
    if (write) {
      lines.splice(block.line - 1, block.end - block.line, ...code.split('\n'))
      changed = true
    } else {
      fileProblems.push(
        `${readme}:${block.line - 1}: differs from ${file} (npm run check-readmes -- --write copies it)`,
      )
    }
  }
  if (!changed) return blocks
  writeFileSync(path, lines.join('\n'))
  console.log(`check-readme-snippets: wrote the example blocks of ${readme}`)
  return extractBlocks(lines.join('\n'))
}

for (const readme of readmes) {
  if (skip.has(readme)) {
    console.warn(`check-readme-snippets: skipping ${readme} (--skip; temporary, remove it)`)
    continue
  }
  const blocks = syncExamples(readme)
  for (const block of blocks) {
    if (block.lang === 'vue' && exampleOf(block)) vueFromFiles++
    if (!CHECKED.has(block.lang)) continue
    if (block.info.split(/\s+/).includes(OPT_OUT)) {
      optedOut++
      continue
    }
    const ext = block.lang === 'tsx' ? 'tsx' : 'ts'
    const file = join(outDir, dirname(readme), `README.md.L${block.line}.${ext}`)
    mkdirSync(dirname(file), { recursive: true })
    // `export {}` makes every block a module of its own (top-level await, no shared globals);
    // appended, so line numbers stay those of the README.
    writeFileSync(file, `${block.code}\nexport {}\n`)
    origins.set(resolve(file), { readme, line: block.line })
  }
}

// ─── Type-checking ───

// What every Vue project declares (env.d.ts), so a snippet may import a single-file component.
writeFileSync(
  join(outDir, 'env.d.ts'),
  `declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent
  export default component
}
`,
)

const tsconfig = join(outDir, 'tsconfig.json')
writeFileSync(
  tsconfig,
  JSON.stringify(
    {
      extends: '../tsconfig.base.json',
      compilerOptions: {
        noEmit: true,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        jsx: 'react-jsx',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        types: [],
      },
      include: ['env.d.ts', '**/*.ts', '**/*.tsx'],
    },
    null,
    2,
  ) + '\n',
)

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) }
const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, host)
const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options })
const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)]
const failures = report(diagnostics)

/** Prints each error as `path:line:column: TScode: message`, in README order; returns the count. */
function report(list) {
  const errors = list
    .filter((d) => d.category === ts.DiagnosticCategory.Error)
    .map((d) => {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ')
      if (!d.file) return { path: '', line: 0, text: `error TS${d.code}: ${message}` }
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start ?? 0)
      const origin = origins.get(resolve(d.file.fileName))
      const path = origin?.readme ?? toPosix(relative(root, d.file.fileName))
      const at = origin ? origin.line + line : line + 1
      return { path, line: at, text: `${path}:${at}:${character + 1}: TS${d.code}: ${message}` }
    })
    .sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line)
  for (const error of errors) console.error(error.text)
  return errors.length
}

for (const problem of fileProblems) console.error(problem)
const summary = `${origins.size} snippets from ${readmes.length - skip.size} READMEs (${optedOut} marked ${OPT_OUT})`
const vueNote = vueFromFiles
  ? `; ${vueFromFiles} \`\`\`vue block(s) equal their .vue files (vue-tsc checks those)`
  : ''
if (fileProblems.length > 0) {
  console.error(
    `check-readme-snippets: ${fileProblems.length} README block(s) out of step with examples/`,
  )
  process.exit(1)
}
if (failures > 0) {
  console.error(
    `check-readme-snippets: ${failures} type error(s) in ${summary}; see ${relative(root, outDir)}/`,
  )
  process.exit(1)
}
if (!keep) rmSync(outDir, { recursive: true, force: true })
console.log(`check-readme-snippets: all ${summary} type-check${vueNote}`)
