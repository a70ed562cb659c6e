// Debian's Chromium for the end-to-end tests, driven by playwright-core (which never downloads
// a browser). CHROMIUM_PATH names it, else /usr/bin/chromium or `chromium` on PATH.
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { chromium, type Browser } from 'playwright-core'

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The Chromium to use, or null (with where it looked). */
export function findChromium(): { path: string | null; looked: string[] } {
  const named = process.env.CHROMIUM_PATH
  if (named) return { path: executable(named) ? named : null, looked: [named] }
  const onPath = (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'chromium'))
  const looked = ['/usr/bin/chromium', ...onPath]
  return { path: looked.find(executable) ?? null, looked: [looked[0]!] }
}

/**
 * Whether the browser tests run: without Chromium they are skipped with a notice saying how to
 * get it, unless METAL_REQUIRE_BROWSER=1 (as in CI), which makes a missing browser a failure.
 */
export function browserAvailable(suite: string): string | null {
  const { path, looked } = findChromium()
  if (path) return path
  const how =
    'Install it with `apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a ' +
    'Chromium or Chrome binary.'
  if (process.env.METAL_REQUIRE_BROWSER === '1') {
    throw new Error(
      `${suite}: no Chromium at ${looked.join(', ')}, and METAL_REQUIRE_BROWSER=1. ${how}`,
    )
  }
  console.warn(`${suite}: browser tests SKIPPED: no Chromium at ${looked.join(', ')}. ${how}`)
  return null
}

/** Launches headless Chromium with the flags this machine needs. */
export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
