import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { storyTestConfig } from './scripts/storyTestConfig.js'

export default storyTestConfig(path.dirname(fileURLToPath(import.meta.url)), [
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  '@tanstack/react-query',
  '@metal/ui > @material/material-color-utilities',
])
