// What both Storybooks' .storybook/main.ts share (this React one and apps/storybook-vue): how
// Vite resolves and bundles the workspace packages, and Storybook's own settings.
import { defaultClientConditions, mergeConfig, type InlineConfig } from 'vite'

/** Storybook's core settings: no telemetry, no "what's new" notice. */
export const metalCore = { disableTelemetry: true, disableWhatsNewNotifications: true }

/** The Vite config of a Metal Storybook, on top of the framework's own. */
export function metalViteFinal(viteConfig: InlineConfig): InlineConfig {
  // Workspace packages resolve to their src/ (the "source" export condition): no build step, and
  // edits show up at once.
  return mergeConfig(viteConfig, {
    resolve: { conditions: ['source', ...defaultClientConditions] },
    build: {
      // Storybook's own runtime (docs, axe) is most of the bundle; its size is not ours.
      chunkSizeWarningLimit: 2048,
      rolldownOptions: {
        // Rolldown's slow-plugin report: docgen and CSF transforms are expected to take time.
        checks: { bundlerTimings: false },
        // TanStack's "use client" directives mean nothing in a static Storybook build.
        onwarn(warning: { code?: string }, warn: (warning: { code?: string }) => void) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
        },
      },
    },
  })
}
