import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import {
  CHROMIUM_HINT,
  chromiumLaunchOptions,
  findChromium,
} from '../../../../../scripts/chromium.mjs'
import {
  startSocketServer,
  type SocketServer,
  type SocketServerOptions,
} from '../support/socketServer.js'

// Core in a real browser: @metal/core (with its memory and remote backends) bundled from source
// and served from a loopback origin, opened in Debian's Chromium through playwright-core. Every
// page of one site shares the origin's IndexedDB, localStorage, Web Locks and BroadcastChannel,
// as the tabs of one site do. A test ServerCore socket server (in Node) can stand behind it.

/** What a page of the site holds: every export of core, its memory and remote backends. */
export type CoreExports = typeof import('../../index.js') &
  typeof import('../../backends/memory/index.js') &
  typeof import('../../backends/remote/index.js')

/** The page's global object as tests see it inside `page.evaluate`. */
export interface CoreWindow {
  core: CoreExports
  /** Anything a test wants to keep in the page between evaluations. */
  state: Record<string, unknown>
}

/**
 * The browser a test file uses: `available` is false (and the suite skipped with a notice saying
 * how to get one) when there is no Chromium, unless METAL_REQUIRE_BROWSER=1, where that fails.
 */
export const browser = ((): { available: boolean; path: string | null } => {
  const { path, looked } = findChromium()
  if (path) return { available: true, path }
  const message = `@metal/core browser tests: no Chromium at ${looked.join(', ')}. ${CHROMIUM_HINT}`
  if (process.env.METAL_REQUIRE_BROWSER === '1')
    throw new Error(`${message} (METAL_REQUIRE_BROWSER=1)`)
  console.warn(`${message} The browser tests are SKIPPED.`)
  return { available: false, path: null }
})()

const src = fileURLToPath(new URL('../../', import.meta.url))

let bundle: Promise<string> | undefined
/** Core bundled once per test file, from source, as one ES module. */
function coreBundle(): Promise<string> {
  bundle ??= build({
    stdin: {
      contents: [
        `import * as core from './index.ts'`,
        `import * as memory from './backends/memory/index.ts'`,
        `import * as remote from './backends/remote/index.ts'`,
        `window.core = { ...remote, ...memory, ...core }`,
        `window.state = {}`,
        `window.coreReady = true`,
      ].join('\n'),
      resolveDir: src,
      loader: 'ts',
      sourcefile: 'browser-entry.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((out) => out.outputFiles[0]!.text)
  return bundle
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>metal</title>
<script type="module" src="/core.js"></script></head><body></body></html>`

/** One site (an origin) open in one browser context. */
export interface Site {
  /** The site's origin, `http://127.0.0.1:<port>`. */
  readonly origin: string
  /** The test socket server's URL (what `new Metal({ url })` takes), when one was asked for. */
  readonly serverUrl: string | undefined
  /** The test socket server, when one was asked for. */
  readonly server: SocketServer | undefined
  readonly context: BrowserContext
  /** Opens a new tab of the site and waits until core is loaded in it. */
  page(): Promise<Page>
  /** Waits until core is loaded in `page` (after `page.reload()`). */
  ready(page: Page): Promise<void>
  /** Closes the pages, the browser context, the browser and the servers. */
  close(): Promise<void>
}

/** Options of {@link openSite}. */
export interface SiteOptions {
  /** Start a test ServerCore socket server (in Node) with these options. */
  socketServer?: SocketServerOptions
}

/** Serves core to a fresh origin and opens it in Chromium. */
export async function openSite(options: SiteOptions = {}): Promise<Site> {
  if (!browser.path)
    throw new Error('openSite(): no Chromium (guard the suite with browser.available)')
  const code = await coreBundle()
  const http: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path === '/core.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' })
      res.end(code)
    } else if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' })
      res.end(PAGE)
    } else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const server = options.socketServer ? await startSocketServer(options.socketServer) : undefined
  const launched: Browser = await chromium.launch(chromiumLaunchOptions(browser.path))
  const context = await launched.newContext()
  const ready = async (page: Page): Promise<void> => {
    await page.waitForFunction(() => (globalThis as { coreReady?: boolean }).coreReady === true)
  }
  return {
    origin,
    serverUrl: server?.url,
    server,
    context,
    async page() {
      const page = await context.newPage()
      page.on('pageerror', (error) => console.error(`[page error] ${error.message}`))
      await page.goto(origin)
      await ready(page)
      return page
    },
    ready,
    async close() {
      await context.close().catch(() => {})
      await launched.close().catch(() => {})
      await server?.close()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
