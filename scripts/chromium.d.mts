/** The flags Chromium needs on these machines (no sandbox, GPU, QUIC or background traffic). */
export declare const CHROMIUM_FLAGS: readonly string[]
/** How to get a browser, for the notices of tests that cannot find one. */
export declare const CHROMIUM_HINT: string
/** The Chromium to use (CHROMIUM_PATH, else /usr/bin/chromium or `chromium` on PATH), or null. */
export declare function findChromium(): { path: string | null; looked: string[] }
/** playwright-core's `chromium.launch()` options for headless Chromium at `executablePath`. */
export declare function chromiumLaunchOptions(executablePath: string): {
  executablePath: string
  headless: true
  args: string[]
}
