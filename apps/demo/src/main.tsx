import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { MetalProvider } from '@metal/react'
import '@fontsource/roboto/400.css'
import '@fontsource/roboto/500.css'
import '@metal/ui/theme.css'
import './demo.css'
import { App } from './App.js'
import { createMetal } from './metal.js'

const metal = createMetal()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MetalProvider client={metal}>
      <App />
    </MetalProvider>
  </StrictMode>,
)
