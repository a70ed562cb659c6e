import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// `npm run dev -w @metal/demo`: Vite's dev server for the app, with the Metal server (started by
// `npm start`, or `node server/start.mjs`) behind it: the socket, the REST API and the demo's
// sign-in endpoints go through to it.
const server = process.env.METAL_DEMO_SERVER ?? 'http://127.0.0.1:8787'

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/v1/socket': { target: server, ws: true },
      '/v1': server,
      '/demo': server,
    },
  },
  build: { outDir: 'dist', sourcemap: true },
})
