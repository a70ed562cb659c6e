// Next.js App Router treats a module as a client module only when 'use client' is its first
// statement; the build fails if the published entry lost the directive.
import { readFileSync } from 'node:fs'

for (const file of ['dist/index.js', 'dist/MetalProvider.js']) {
  const text = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
  if (!/^['"]use client['"];?\n/.test(text)) {
    console.error(`@metal/react: ${file} must start with 'use client'`)
    process.exit(1)
  }
}
