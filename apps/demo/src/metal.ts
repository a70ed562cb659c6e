import { Metal } from '@metal/core'
import { fetchToken } from './api.js'

/** The demo's project on the Metal server, and its public API key. */
export const PROJECT_ID = 'demo'
export const API_KEY = 'demo-key'

/**
 * The app's Metal client: the server is the origin the app was served from. The session is kept
 * in localStorage (a reload stays signed in) and refreshed through the demo's token endpoint
 * shortly before it expires.
 */
export function createMetal(origin: string = location.origin): Metal {
  return new Metal({
    url: origin,
    apiKey: API_KEY,
    projectId: PROJECT_ID,
    auth: {
      refresh: async (session) => ({
        type: 'jwt',
        token: (await fetchToken(session.userId)).token,
      }),
    },
  })
}
