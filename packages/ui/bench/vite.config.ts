import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defaultClientConditions, defineConfig } from 'vite'

// The benchmark app: `node bench/run.mjs` builds it into a temporary directory (--outDir).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  // Metal straight from its TypeScript sources, as the package's tests use it.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  // Vue's compile-time flags (its Vite plugin sets them; the Vue page renders with `h`, no SFCs).
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  build: { emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 5000 },
  logLevel: 'warn',
})
