// Shared by apps/storybook and apps/storybook-vue: the React and the Vue IconButton stories render
// the same DOM, so one set of play functions checks both.
import { expect, userEvent, within } from 'storybook/test'
import type { PlayContext } from '../support/play.js'

/** The play function of each story, by its export name. */
export const plays = {
  Default: async ({ canvasElement, args }: PlayContext & { args: { onClick?: unknown } }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Delete' })
    await expect(button).not.toHaveAttribute('aria-pressed')
    await expect(button.offsetWidth).toBe(40)
    await expect(button.offsetHeight).toBe(40)
    await userEvent.click(button)
    await expect(args.onClick).toHaveBeenCalledTimes(1)
  },
  VariantsAndToggles: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    const pin = canvas.getByRole('button', { name: 'Pin (filled, medium)', pressed: false })
    const before = getComputedStyle(pin).backgroundColor
    await userEvent.click(pin)
    await expect(pin).toHaveAttribute('aria-pressed', 'true')
    await expect(getComputedStyle(pin).backgroundColor).not.toBe(before)
    await userEvent.keyboard(' ')
    await expect(pin).toHaveAttribute('aria-pressed', 'false')
    const small = canvas.getByRole('button', { name: 'Edit (tonal, small)' })
    await expect(small.offsetWidth).toBe(32)
    await expect(canvas.getByRole('button', { name: 'Delete (small, disabled)' })).toBeDisabled()
  },
}
