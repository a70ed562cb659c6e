#!/usr/bin/env node
// The `metal-server` command: see `metal-server --help`.
import { main } from '../dist/cli.js'

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  },
)
