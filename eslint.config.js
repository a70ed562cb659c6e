import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { dirname, join, relative, resolve } from 'node:path'
import { layerViolation } from './packages/core/tools/layers.mjs'

const coreSrc = join(import.meta.dirname, 'packages/core/src')

/** Lower layers of @metal/core never import higher ones (DESIGN.md, "Core layers"). */
const metalPlugin = {
  rules: {
    'core-layers': {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = relative(coreSrc, context.filename)
        const check = (node) => {
          const spec = node.source?.value
          if (typeof spec !== 'string' || !spec.startsWith('.')) return
          const target = relative(
            coreSrc,
            resolve(dirname(context.filename), spec.replace(/\.js$/, '.ts')),
          )
          const why = layerViolation(file, target)
          if (why) context.report({ node: node.source, message: `Layer violation: ${why}.` })
        }
        return {
          ImportDeclaration: check,
          ExportNamedDeclaration: check,
          ExportAllDeclaration: check,
          ImportExpression: check,
        }
      },
    },
  },
}

/** Imports of each UI framework, for the rules that keep it inside its views folder. */
const FRAMEWORK_IMPORTS = {
  react: {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@metal/react', '@tanstack/react-*'],
    message: 'Only packages/ui/src/react may import React.',
  },
  vue: {
    group: ['vue', '@vue/*', '@metal/vue', '@tanstack/vue-*'],
    message: 'Only packages/ui/src/vue may import Vue.',
  },
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/.turbo/**',
      '**/storybook-static/**',
      '**/coverage/**',
      '.readme-snippets/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    plugins: { metal: metalPlugin },
    rules: { 'metal/core-layers': 'error' },
  },
  {
    // The core knows no framework and no DOM: bindings and views live in their own packages.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
              message: '@metal/core must not import React.',
            },
            { group: ['vue', '@vue/*'], message: '@metal/core must not import Vue.' },
            { group: ['@tanstack/*'], message: '@metal/core has no framework dependencies.' },
            {
              group: ['node:*', 'fs', 'path', 'http', 'net', 'crypto'],
              message: '@metal/core must run in browsers too.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'HTMLElement',
        'localStorage',
      ],
    },
  },
  // UI logic is written once: models and prop getters import no framework; the React views live
  // in src/react and the Vue views in src/vue, and neither imports the other's framework.
  ...[
    {
      files: ['packages/ui/src/**/*.ts'],
      ignores: ['packages/ui/src/react/**', 'packages/ui/src/vue/**'],
      bans: ['react', 'vue'],
    },
    { files: ['packages/ui/src/react/**'], ignores: [], bans: ['vue'] },
    { files: ['packages/ui/src/vue/**'], ignores: [], bans: ['react'] },
  ].map(({ files, ignores, bans }) => ({
    files,
    ignores: [...ignores, 'packages/ui/src/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: bans.map((framework) => FRAMEWORK_IMPORTS[framework]),
        },
      ],
    },
  })),
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
      },
    },
  },
)
