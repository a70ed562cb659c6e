import {
  Hct,
  MaterialDynamicColors as C,
  SchemeExpressive,
  SchemeFidelity,
  SchemeMonochrome,
  SchemeNeutral,
  SchemeTonalSpot,
  SchemeVibrant,
  argbFromHex,
  hexFromArgb,
  type DynamicColor,
  type DynamicScheme,
} from '@material/material-color-utilities'
import { MetalError } from '@metal/core'
import { describeValue } from '../describeValue.js'

/** A Material 3 scheme variant: how colourful the palette built around the seed is. */
export type ThemeVariant =
  'tonal-spot' | 'vibrant' | 'expressive' | 'neutral' | 'fidelity' | 'monochrome'

/** Options of {@link createTheme}. */
export interface CreateThemeOptions {
  /**
   * The scheme variant.
   * @default 'tonal-spot' (the Material 3 default)
   */
  variant?: ThemeVariant
  /**
   * Contrast level from -1 (reduced) through 0 (standard) to 1 (high).
   * @default 0
   */
  contrast?: number
}

/** CSS custom properties, `--metal-sys-color-primary` to its value. */
export type ThemeVariables = Record<`--metal-sys-color-${string}`, string>

/** A generated theme: the colour roles for light and dark, and a stylesheet applying them. */
export interface MetalTheme {
  /** The seed colour, as `#rrggbb`. */
  readonly seed: string
  /** Every colour role for the light scheme. */
  readonly light: ThemeVariables
  /** Every colour role for the dark scheme. */
  readonly dark: ThemeVariables
  /**
   * A stylesheet that applies the theme to `selector`: light by default, dark when the user
   * prefers it, and either one where `data-metal-theme="light|dark"` is set on the selected
   * element, on an ancestor of it, or on an element inside it.
   * @param selector - where the theme applies
   * @default ':root'
   */
  toCss(selector?: string): string
}

const ROLES: ReadonlyArray<readonly [string, DynamicColor]> = [
  ['primary', C.primary],
  ['on-primary', C.onPrimary],
  ['primary-container', C.primaryContainer],
  ['on-primary-container', C.onPrimaryContainer],
  ['primary-fixed', C.primaryFixed],
  ['primary-fixed-dim', C.primaryFixedDim],
  ['on-primary-fixed', C.onPrimaryFixed],
  ['on-primary-fixed-variant', C.onPrimaryFixedVariant],
  ['inverse-primary', C.inversePrimary],
  ['secondary', C.secondary],
  ['on-secondary', C.onSecondary],
  ['secondary-container', C.secondaryContainer],
  ['on-secondary-container', C.onSecondaryContainer],
  ['secondary-fixed', C.secondaryFixed],
  ['secondary-fixed-dim', C.secondaryFixedDim],
  ['on-secondary-fixed', C.onSecondaryFixed],
  ['on-secondary-fixed-variant', C.onSecondaryFixedVariant],
  ['tertiary', C.tertiary],
  ['on-tertiary', C.onTertiary],
  ['tertiary-container', C.tertiaryContainer],
  ['on-tertiary-container', C.onTertiaryContainer],
  ['tertiary-fixed', C.tertiaryFixed],
  ['tertiary-fixed-dim', C.tertiaryFixedDim],
  ['on-tertiary-fixed', C.onTertiaryFixed],
  ['on-tertiary-fixed-variant', C.onTertiaryFixedVariant],
  ['error', C.error],
  ['on-error', C.onError],
  ['error-container', C.errorContainer],
  ['on-error-container', C.onErrorContainer],
  ['background', C.background],
  ['on-background', C.onBackground],
  ['surface', C.surface],
  ['on-surface', C.onSurface],
  ['surface-variant', C.surfaceVariant],
  ['on-surface-variant', C.onSurfaceVariant],
  ['surface-dim', C.surfaceDim],
  ['surface-bright', C.surfaceBright],
  ['surface-container-lowest', C.surfaceContainerLowest],
  ['surface-container-low', C.surfaceContainerLow],
  ['surface-container', C.surfaceContainer],
  ['surface-container-high', C.surfaceContainerHigh],
  ['surface-container-highest', C.surfaceContainerHighest],
  ['surface-tint', C.surfaceTint],
  ['inverse-surface', C.inverseSurface],
  ['inverse-on-surface', C.inverseOnSurface],
  ['outline', C.outline],
  ['outline-variant', C.outlineVariant],
  ['shadow', C.shadow],
  ['scrim', C.scrim],
]

/** Every Material 3 colour role's token name: `primary`, `on-primary`, … `scrim`. */
export const COLOR_ROLES: readonly string[] = ROLES.map(([name]) => name)

type SchemeClass = new (source: Hct, isDark: boolean, contrast: number) => DynamicScheme

const VARIANTS: Record<ThemeVariant, SchemeClass> = {
  'tonal-spot': SchemeTonalSpot,
  vibrant: SchemeVibrant,
  expressive: SchemeExpressive,
  neutral: SchemeNeutral,
  fidelity: SchemeFidelity,
  monochrome: SchemeMonochrome,
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i

function fail(field: string, detail: string, value: unknown): MetalError {
  return new MetalError(
    'invalid-argument',
    `createTheme(): ${field} ${detail}, got ${describeValue(value)}`,
  )
}

function normaliseHex(seedColor: unknown): string {
  const match = typeof seedColor === 'string' ? HEX.exec(seedColor.trim()) : null
  if (!match?.[1]) throw fail('seedColor', "must be a hex colour such as '#6750a4'", seedColor)
  const digits = match[1].toLowerCase()
  const six = digits.length === 3 ? [...digits].map((d) => d + d).join('') : digits
  return `#${six}`
}

function variablesOf(scheme: DynamicScheme): ThemeVariables {
  const vars: ThemeVariables = {}
  for (const [name, color] of ROLES) {
    vars[`--metal-sys-color-${name}`] = hexFromArgb(color.getArgb(scheme))
  }
  return vars
}

function block(
  selector: string,
  scheme: 'light' | 'dark',
  vars: ThemeVariables,
  indent = '',
): string {
  const lines = Object.entries(vars).map(([k, v]) => `${indent}  ${k}: ${v};`)
  return `${indent}${selector} {\n${indent}  color-scheme: ${scheme};\n${lines.join('\n')}\n${indent}}`
}

/**
 * Generates a full Material 3 colour scheme (every `--metal-sys-color-*` role, light and dark)
 * from one seed colour, with Google's material-color-utilities.
 *
 * ```ts
 * const theme = createTheme('#0b57d0')
 * const style = document.createElement('style')
 * style.textContent = theme.toCss()
 * document.head.append(style)
 * ```
 */
export function createTheme(seedColor: string, options: CreateThemeOptions = {}): MetalTheme {
  const seed = normaliseHex(seedColor)
  if (typeof options !== 'object' || options === null) {
    throw fail('options', 'must be an object', options)
  }
  const { variant = 'tonal-spot', contrast = 0 } = options
  const Scheme = Object.hasOwn(VARIANTS, variant) ? VARIANTS[variant] : undefined
  if (!Scheme) {
    throw fail('option variant', `must be one of ${Object.keys(VARIANTS).join(', ')}`, variant)
  }
  if (typeof contrast !== 'number' || !(contrast >= -1 && contrast <= 1)) {
    throw fail('option contrast', 'must be a number from -1 to 1', contrast)
  }
  const source = Hct.fromInt(argbFromHex(seed))
  const light = variablesOf(new Scheme(source, false, contrast))
  const dark = variablesOf(new Scheme(source, true, contrast))
  return {
    seed,
    light,
    dark,
    toCss(selector = ':root') {
      if (typeof selector !== 'string' || selector.trim() === '' || /[{}]/.test(selector)) {
        throw new MetalError(
          'invalid-argument',
          `theme.toCss(): selector must be a CSS selector, got ${describeValue(selector)}`,
        )
      }
      const targets = selector.split(',').map((part) => part.trim())
      // The selected elements follow data-metal-theme on themselves or an ancestor (dark wins
      // when both are set above them), and themed regions inside them get their own scheme.
      const forced = (scheme: 'light' | 'dark') =>
        targets
          .flatMap((s) => [
            `${s}[data-metal-theme='${scheme}']`,
            `${s} [data-metal-theme='${scheme}']`,
            `[data-metal-theme='${scheme}'] ${s}`,
          ])
          .join(',\n')
      const all = targets.join(',\n')
      return [
        block(all, 'light', light),
        `@media (prefers-color-scheme: dark) {\n${block(all.replaceAll('\n', '\n  '), 'dark', dark, '  ')}\n}`,
        block(forced('light'), 'light', light),
        block(forced('dark'), 'dark', dark),
        '',
      ].join('\n')
    },
  }
}
