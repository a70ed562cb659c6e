// Shared by apps/storybook and apps/storybook-vue: the React and the Vue Button stories render
// the same DOM, so one set of play functions checks both.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { PlayContext } from '../support/play.js'

/** The play function of each story, by its export name. */
export const plays = {
  Default: async ({ canvasElement, args }: PlayContext & { args: { onClick?: unknown } }) => {
    const button = within(canvasElement).getByRole('button', { name: 'Save' })
    await expect(button).toHaveAttribute('type', 'button')
    await expect(button).toHaveAttribute('data-variant', 'filled')
    await userEvent.click(button)
    await expect(args.onClick).toHaveBeenCalledTimes(1)
    // Radius is a full pill: half the height or more.
    const style = getComputedStyle(button)
    await expect(parseFloat(style.borderTopLeftRadius)).toBeGreaterThanOrEqual(
      button.offsetHeight / 2,
    )
  },
  Variants: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    const filled = canvas.getAllByRole('button', { name: 'Filled' })
    await expect(filled).toHaveLength(3)
    // Danger uses the error role; disabled ones cannot be pressed.
    const [plain, danger, disabled] = filled
    await expect(getComputedStyle(danger!).backgroundColor).not.toBe(
      getComputedStyle(plain!).backgroundColor,
    )
    await expect(disabled).toBeDisabled()
    await expect(
      canvas.getAllByRole('button', { name: 'With icon' })[0]!.querySelector('svg'),
    ).toHaveAttribute('aria-hidden', 'true')
  },
  Focus: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    const first = canvas.getByRole('button', { name: 'First' })
    await userEvent.tab()
    await expect(first).toHaveFocus()
    await expect(getComputedStyle(first).outlineStyle).toBe('solid')
    // The state layer fades in (a short transition), so wait for it to settle.
    await waitFor(() => expect(getComputedStyle(first, '::before').opacity).toBe('0.1'))
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Second' })).toHaveFocus()
    await waitFor(() => expect(getComputedStyle(first, '::before').opacity).toBe('0'))
  },
  Keyboard: async ({ canvasElement }: PlayContext) => {
    const button = within(canvasElement).getByRole('button', { name: 'Add one' })
    button.focus()
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard(' ')
    await expect(canvasElement.querySelector('output')).toHaveTextContent('2')
  },
  Dark: async ({ canvasElement }: PlayContext) => {
    await expect(within(canvasElement).getAllByRole('button')).toHaveLength(14)
  },
  RightToLeft: async ({ canvasElement }: PlayContext) => {
    const button = within(canvasElement).getByRole('button', { name: 'جديد' })
    const icon = button.querySelector('svg')!
    const label = button.querySelector('[data-part="label"]')!
    await expect(icon.getBoundingClientRect().left).toBeGreaterThan(
      label.getBoundingClientRect().left,
    )
  },
}
