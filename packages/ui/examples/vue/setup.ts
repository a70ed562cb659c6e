// main.ts of a Vite + Vue app
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import '@metal/ui/theme.css' // tokens (light and dark) and every component's styles
import '@metal/ui/base.css' // page background and text, font, focus rings, links
import { createApp } from 'vue'
import { Metal } from '@metal/core'
import { MetalPlugin } from '@metal/vue'
import App from './App.vue'

const metal = new Metal() // embedded; new Metal({ url, projectId, apiKey }) for a server

createApp(App).use(MetalPlugin, { client: metal }).mount('#app')
