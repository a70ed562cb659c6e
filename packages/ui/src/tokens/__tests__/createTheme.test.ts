import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MetalError } from '@metal/core'
import { COLOR_ROLES, createTheme } from '../createTheme.js'

const themeCss = readFileSync(join(import.meta.dirname, '..', 'theme.css'), 'utf8')

/** The declarations of the first rule whose selector starts with `selector`. */
function declarations(css: string, selector: string): Record<string, string> {
  const start = css.indexOf(selector)
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start))
  return Object.fromEntries(
    [...body.matchAll(/(--metal-sys-color-[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2]]),
  )
}

describe('createTheme', () => {
  it('generates every Material 3 colour role for light and dark', () => {
    const theme = createTheme('#0b57d0')
    expect(COLOR_ROLES).toHaveLength(49)
    for (const role of COLOR_ROLES) {
      expect(theme.light[`--metal-sys-color-${role}`]).toMatch(/^#[0-9a-f]{6}$/)
      expect(theme.dark[`--metal-sys-color-${role}`]).toMatch(/^#[0-9a-f]{6}$/)
    }
  })

  it('makes light surfaces light and dark surfaces dark', () => {
    const theme = createTheme('#0b57d0')
    const luminance = (hex: string) =>
      parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16)
    expect(luminance(theme.light['--metal-sys-color-surface']!)).toBeGreaterThan(600)
    expect(luminance(theme.dark['--metal-sys-color-surface']!)).toBeLessThan(150)
  })

  it('builds the palette around the seed hue', () => {
    const green = createTheme('#1b873f').light['--metal-sys-color-primary']!
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(green.slice(i, i + 2), 16))
    expect(g).toBeGreaterThan(r!)
    expect(g).toBeGreaterThan(b!)
  })

  it('accepts short hex and normalises the seed', () => {
    expect(createTheme('#ABC').seed).toBe('#aabbcc')
    expect(createTheme('6750A4').seed).toBe('#6750a4')
  })

  it('raises contrast when asked', () => {
    const standard = createTheme('#6750a4').light['--metal-sys-color-on-surface-variant']
    const high = createTheme('#6750a4', { contrast: 1 }).light[
      '--metal-sys-color-on-surface-variant'
    ]
    expect(high).not.toBe(standard)
  })

  it('rejects a seed that is not a hex colour, naming the value', () => {
    expect(() => createTheme('purple')).toThrow(
      new MetalError(
        'invalid-argument',
        "createTheme(): seedColor must be a hex colour such as '#6750a4', got 'purple'",
      ),
    )
    expect(() => createTheme('#6750a4', { contrast: 2 })).toThrow(
      'option contrast must be a number from -1 to 1, got 2',
    )
    // @ts-expect-error not a variant
    expect(() => createTheme('#6750a4', { variant: 'loud' })).toThrow(
      "option variant must be one of tonal-spot, vibrant, expressive, neutral, fidelity, monochrome, got 'loud'",
    )
  })

  it('writes a stylesheet: light, dark on preference, and dark or light on request', () => {
    const css = createTheme('#6750a4').toCss()
    expect(declarations(css, ':root {')['--metal-sys-color-surface']).toBe('#fdf7ff')
    expect(css).toContain('@media (prefers-color-scheme: dark) {\n  :root {')
    const dark = declarations(css, ":root[data-metal-theme='dark']")
    expect(dark['--metal-sys-color-surface']).toBe('#141218')
    const light = declarations(css, ":root[data-metal-theme='light']")
    expect(light['--metal-sys-color-surface']).toBe('#fdf7ff')
  })

  it('scopes a stylesheet that follows the theme set on an ancestor', () => {
    const css = createTheme('#6750a4').toCss('.brand, .other')
    expect(css).toContain(".brand [data-metal-theme='dark'],\n[data-metal-theme='dark'] .brand,")
    expect(css).toContain("[data-metal-theme='dark'] .other {")
    expect(() => createTheme('#6750a4').toCss('}')).toThrow('theme.toCss(): selector must be')
  })

  it('matches the baseline colours shipped in theme.css', () => {
    const theme = createTheme('#6750a4')
    expect(declarations(themeCss, ':root,')).toEqual(theme.light)
    expect(declarations(themeCss, "[data-metal-theme='dark'] {")).toEqual(theme.dark)
    expect(declarations(themeCss, ":root:not([data-metal-theme='light'])")).toEqual(theme.dark)
  })
})
