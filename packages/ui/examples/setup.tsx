// main.tsx of a Vite + React app
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@fontsource/roboto/700.css'
import '@metal/ui/theme.css' // tokens (light and dark) and every component's styles
import '@metal/ui/base.css' // page background and text, font, focus rings, links
import { createRoot } from 'react-dom/client'
import { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import { MetalUiProvider } from '@metal/ui/react'

const metal = new Metal() // embedded; new Metal({ url, projectId, apiKey }) for a server

function App() {
  return <h1>Hello</h1>
}

createRoot(document.getElementById('root')!).render(
  <MetalProvider client={metal}>
    <MetalUiProvider>
      <App />
    </MetalUiProvider>
  </MetalProvider>,
)
