// Debian's Chromium for the end-to-end tests, driven by playwright-core (which never downloads
// a browser); where to find it and its flags come from scripts/chromium.mjs.
import { chromium, type Browser } from 'playwright-core'
import { CHROMIUM_HINT, chromiumLaunchOptions, findChromium } from '../../../scripts/chromium.mjs'

/**
 * Whether the browser tests run: without Chromium they are skipped with a notice saying how to
 * get it, unless METAL_REQUIRE_BROWSER=1 (as in CI), which makes a missing browser a failure.
 */
export function browserAvailable(suite: string): string | null {
  const { path, looked } = findChromium()
  if (path) return path
  if (process.env.METAL_REQUIRE_BROWSER === '1') {
    throw new Error(
      `${suite}: no Chromium at ${looked.join(', ')}, and METAL_REQUIRE_BROWSER=1. ${CHROMIUM_HINT}`,
    )
  }
  console.warn(
    `${suite}: browser tests SKIPPED: no Chromium at ${looked.join(', ')}. ${CHROMIUM_HINT}`,
  )
  return null
}

/** Launches headless Chromium with the flags this machine needs. */
export function launch(executablePath: string): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions(executablePath))
}
