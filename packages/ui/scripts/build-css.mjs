// Writes dist/theme.css and dist/base.css: each stylesheet of src/ with its local @import rules
// inlined, so every published stylesheet is one file that works without a bundler.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'

const root = join(import.meta.dirname, '..')
const IMPORT = /^@import\s+['"](\.{1,2}\/[^'"]+)['"]\s*;\s*$/gm
/** The stylesheets the package exports (`@metal/ui/<name>`). */
const SHEETS = ['theme.css', 'base.css']

function inline(file, seen = new Set()) {
  if (seen.has(file)) throw new Error(`build-css: ${relative(root, file)} imports itself`)
  seen.add(file)
  const css = readFileSync(file, 'utf8')
  return css.replace(IMPORT, (_, path) => inline(join(dirname(file), path), new Set(seen)).trim())
}

for (const sheet of SHEETS) {
  const out = join(root, 'dist', sheet)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, `${inline(join(root, 'src', sheet)).trim()}\n`)
  console.log(`build-css: wrote ${relative(root, out)}`)
}
