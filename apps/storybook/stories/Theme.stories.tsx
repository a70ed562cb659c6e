import { useMemo } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, within } from 'storybook/test'
import { COLOR_ROLES, createTheme, type ThemeVariant } from '@metal/ui'

interface ThemeDemoProps {
  /** The seed colour `createTheme` builds the scheme from. */
  seedColor: string
  /** The Material 3 scheme variant. */
  variant: ThemeVariant
  /** Contrast level, -1 to 1. */
  contrast: number
}

/** Every colour role of the scheme `createTheme(seedColor)` generates, in the current theme. */
function ThemeDemo({ seedColor, variant, contrast }: ThemeDemoProps) {
  const css = useMemo(
    () => createTheme(seedColor, { variant, contrast }).toCss('.metal-theme-demo'),
    [seedColor, variant, contrast],
  )
  return (
    <div className="metal-theme-demo">
      <style>{css}</style>
      <ul
        aria-label="Colour roles"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))',
          gap: 12,
          margin: 0,
          padding: 0,
          listStyle: 'none',
        }}
      >
        {COLOR_ROLES.map((role) => (
          <li key={role} data-role={role}>
            <div
              data-swatch
              style={{
                height: 40,
                borderRadius: 8,
                border: '1px solid var(--metal-sys-color-outline-variant)',
                background: `var(--metal-sys-color-${role})`,
              }}
            />
            <code>{role}</code>
          </li>
        ))}
      </ul>
    </div>
  )
}

/**
 * The Material 3 colour roles as `--metal-sys-color-*` custom properties. `theme.css` ships the
 * baseline scheme (seed `#6750a4`); `createTheme(seed)` generates the same roles, light and dark,
 * from any colour. Switch the toolbar's theme to see the dark scheme.
 */
const meta = {
  title: 'Tokens/Colour roles',
  component: ThemeDemo,
  args: { seedColor: '#6750a4', variant: 'tonal-spot', contrast: 0 },
  argTypes: {
    seedColor: { control: 'color' },
    variant: {
      control: 'select',
      options: ['tonal-spot', 'vibrant', 'expressive', 'neutral', 'fidelity', 'monochrome'],
    },
    contrast: { control: { type: 'range', min: -1, max: 1, step: 0.5 } },
  },
} satisfies Meta<typeof ThemeDemo>

export default meta
type Story = StoryObj<typeof meta>

const swatch = (canvasElement: HTMLElement, role: string) =>
  canvasElement.querySelector<HTMLElement>(`[data-role="${role}"] [data-swatch]`)!

const rgb = (el: HTMLElement) =>
  getComputedStyle(el).backgroundColor.match(/\d+/g)!.slice(0, 3).map(Number) as [
    number,
    number,
    number,
  ]

/** The baseline scheme, as in theme.css. */
export const Baseline: Story = {
  play: async ({ canvasElement, globals }) => {
    const roles = within(canvasElement).getByRole('list', { name: 'Colour roles' })
    await expect(within(roles).getAllByRole('listitem')).toHaveLength(49)
    // --metal-sys-color-primary: light #65558f, dark #cfbdfe (the theme toolbar picks which)
    const dark = globals.theme === 'dark'
    await expect(rgb(swatch(canvasElement, 'primary'))).toEqual(
      dark ? [207, 189, 254] : [101, 85, 143],
    )
  },
}

/** A green seed: the primary role turns green. */
export const GreenSeed: Story = {
  args: { seedColor: '#1b873f' },
  play: async ({ canvasElement }) => {
    const [r, g, b] = rgb(swatch(canvasElement, 'primary'))
    await expect(g).toBeGreaterThan(r)
    await expect(g).toBeGreaterThan(b)
  },
}

/** The dark scheme of the same seed: dark surfaces. */
export const GreenSeedDark: Story = {
  args: { seedColor: '#1b873f' },
  globals: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    const [r, g, b] = rgb(swatch(canvasElement, 'surface'))
    await expect(r + g + b).toBeLessThan(150)
  },
}
