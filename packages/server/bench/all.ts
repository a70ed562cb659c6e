// `npm run bench -w @metal/server`: the server benchmark (server.bench.ts), then the rules
// benchmark (rules.bench.ts), each in a process of its own. `--only <name>[,<name>…]` picks
// figures of either: `rules` is the rules benchmark, any other name goes to server.bench.ts.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const at = process.argv.indexOf('--only')
const names = at < 0 ? undefined : (process.argv[at + 1] ?? '').split(',').filter(Boolean)
if (names?.length === 0) {
  console.error('--only takes one or more of latency, throughput, delivery, resume, memory, rules')
  process.exit(2)
}
const serverNames = names?.filter((n) => n !== 'rules')

/** Runs `bench/<file>` with tsx and --expose-gc; false when it failed. */
function run(file: string, args: string[]): boolean {
  const script = fileURLToPath(new URL(file, import.meta.url))
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', script, ...args], {
    stdio: 'inherit',
  })
  return result.status === 0
}

let ok = true
if (!serverNames || serverNames.length > 0) {
  ok = run('server.bench.ts', serverNames ? ['--only', serverNames.join(',')] : []) && ok
}
if (!names || names.includes('rules')) ok = run('rules.bench.ts', []) && ok
process.exit(ok ? 0 : 1)
