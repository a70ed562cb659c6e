// Shared by apps/storybook and apps/storybook-vue: a file's page for the hook or composable
// renders the same DOM in each framework, so one set of play functions checks both.
import { expect, userEvent, within } from 'storybook/test'
import type { PlayContext } from '../support/play.js'

/** The play function of each story, by its export name. */
export const plays = {
  SignInAndOut: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    await expect(await canvas.findByText('Signed out')).toBeVisible()

    await userEvent.click(canvas.getByRole('button', { name: 'Sign in as admin' }))
    await expect(await canvas.findByText('Signed in as 123 (admin)')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Sign in as admin' })).toBeDisabled()

    await userEvent.click(canvas.getByRole('button', { name: 'Sign out' }))
    await expect(await canvas.findByText('Signed out')).toBeVisible()
  },
}
