import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { storyTestConfig } from '../storybook/scripts/storyTestConfig.js'

export default storyTestConfig(path.dirname(fileURLToPath(import.meta.url)), [
  'vue',
  '@tanstack/vue-query',
  '@metal/ui > @material/material-color-utilities',
  // The docs blocks render with React, in a Vue Storybook too.
  'react',
  'react-dom',
  'react-dom/client',
  'react/jsx-runtime',
])
