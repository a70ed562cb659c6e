// The demo project's server configuration. Secrets come from the environment, never from this
// file:
//
//   export METAL_JWT_SECRET="$(openssl rand -base64 32)"    # signs and checks users' JWTs
//   export METAL_SERVICE_KEY="$(openssl rand -base64 32)"   # trusted scripts: rules do not apply
//   npx metal-server --config examples/server/metal.config.mjs
//
// Browsers connect with `new Metal({ projectId: 'demo', apiKey: 'demo-key', url })` and sign in
// with a JWT (HS256, signed with METAL_JWT_SECRET, with `sub` and `exp`); the seed rules decide
// what each user may read and write.
import { defineConfig, env } from '@metal/server'
import { seedRules } from './seed-rules.mjs'

export default defineConfig({
  port: 8787,
  projects: {
    demo: {
      // An API key names the app; it ships in the browser bundle and is not a secret.
      apiKeys: ['demo-key'],
      serviceKeys: [env('METAL_SERVICE_KEY')],
      auth: {
        jwt: { secret: env('METAL_JWT_SECRET'), algorithms: ['HS256'], clockToleranceSec: 5 },
      },
      rules: seedRules,
    },
  },
})
