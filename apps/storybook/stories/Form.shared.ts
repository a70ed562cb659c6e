// Shared by apps/storybook and apps/storybook-vue: the React and the Vue Form stories render the
// same DOM, so the stories both have (editing a document, a remote change) share their plays.
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { PlayContext } from './support/play.js'

/** The form's own live status (chip fields have live regions of their own). */
export const formStatus = (canvasElement: HTMLElement) =>
  within(canvasElement)
    .getAllByRole('status')
    .find((el) => el.dataset.scope === 'form' && el.dataset.part === 'status')

/** The play function of each story, by its export name. */
export const plays = {
  Edit: async ({ canvasElement, args }: PlayContext & { args: { onSubmit?: unknown } }) => {
    const canvas = within(canvasElement)
    const title = await canvas.findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveValue('Write the docs'))
    await userEvent.clear(title)
    await userEvent.type(title, 'Write the docs, twice')
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(formStatus(canvasElement)).toHaveTextContent('Saved'))
    await expect(args.onSubmit).toHaveBeenCalledWith(expect.anything(), {
      id: 't1',
      changes: [{ path: 'title', value: 'Write the docs, twice' }],
    })
  },
  RemoteChange: async ({ canvasElement }: PlayContext) => {
    const canvas = within(canvasElement)
    const title = await canvas.findByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveValue('Write the docs'))
    await userEvent.type(title, '!')
    await userEvent.click(canvas.getByRole('button', { name: 'Ada edits the task' }))
    const banner = await canvas.findByRole('alert')
    await expect(banner).toHaveTextContent('changed by someone else')
    await userEvent.click(within(banner).getByRole('button', { name: 'Keep mine' }))
    await expect(title).toHaveValue('Write the docs!')
    await expect(canvas.getByRole('spinbutton', { name: 'Estimate (hours)' })).toHaveValue(5)
  },
}
