// Debian's Chromium for every browser test, screenshot and benchmark in the repository: where to
// find it and the flags it runs with here. Nothing downloads a browser.
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

/** The flags Chromium needs on these machines (no sandbox, GPU, QUIC or background traffic). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** How to get a browser, for the notices of tests that cannot find one. */
export const CHROMIUM_HINT =
  'Install it with `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a ' +
  'Chromium or Chrome binary.'

function executable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The Chromium to use: the one CHROMIUM_PATH names (no fallback then, so
 * CHROMIUM_PATH=/nonexistent shows what a machine without Chromium does), else /usr/bin/chromium
 * or `chromium` on PATH. `path` is null when there is none; `looked` says where it looked.
 */
export function findChromium() {
  const named = process.env.CHROMIUM_PATH
  if (named) return { path: executable(named) ? named : null, looked: [named] }
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'chromium'))
  const looked = ['/usr/bin/chromium', ...onPath]
  return { path: looked.find(executable) ?? null, looked: [looked[0]] }
}

/** playwright-core's `chromium.launch()` options for headless Chromium at `executablePath`. */
export function chromiumLaunchOptions(executablePath) {
  return { executablePath, headless: true, args: ['--headless', ...CHROMIUM_FLAGS] }
}
