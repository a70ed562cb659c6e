import { useState } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import { Button, ConfirmDialog, Dialog } from '@metal/ui/react'

/**
 * Material 3 basic dialog on a native `<dialog>` opened with `showModal()`: the top layer, the
 * page inert behind it, focus inside and back on the opener when it closes. Escape and a scrim
 * click call `onClose` with the reason. `ConfirmDialog` is the `alertdialog` for confirmations.
 */
const meta = {
  title: 'Controls/Dialog',
  component: Dialog,
  args: { open: false, title: 'Rename task', onClose: fn() },
} satisfies Meta<typeof Dialog>

export default meta
type Story = StoryObj<typeof meta>

function RenameDemo({ onClose }: { onClose?: (reason: string) => void }) {
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('Write the report')
  const [reason, setReason] = useState('')
  const close = (why: string) => {
    onClose?.(why)
    setReason(why)
    setOpen(false)
  }
  return (
    <>
      <Button variant="tonal" onClick={() => setOpen(true)}>
        Rename
      </Button>
      <output aria-label="Closed by">{reason}</output>
      <Dialog
        open={open}
        onClose={close}
        title="Rename task"
        actions={
          <>
            <Button variant="text" onClick={() => close('action')}>
              Cancel
            </Button>
            <Button variant="text" onClick={() => close('action')}>
              Save
            </Button>
          </>
        }
      >
        <p>Pick a name your team will recognise.</p>
        <input
          aria-label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          style={{ marginBlockStart: 12 }}
        />
      </Dialog>
    </>
  )
}

/** Opens in the top layer; focus goes to the first field; Escape closes and focus returns. */
export const Basic: Story = {
  render: (args) => <RenameDemo onClose={args.onClose} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const opener = canvas.getByRole('button', { name: 'Rename' })
    await userEvent.click(opener)
    const dialog = canvas.getByRole('dialog', { name: 'Rename task' })
    await expect(dialog.matches(':modal')).toBe(true)
    await expect(canvas.getByRole('textbox', { name: 'Name' })).toHaveFocus()
    // The page behind is inert: the opener cannot be focused.
    opener.focus()
    await expect(opener).not.toHaveFocus()
    // Tab stays inside.
    await userEvent.tab()
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Save' })).toHaveFocus()
    // Surface: 28 px corners, actions at the end.
    const surface = dialog.querySelector('[data-part="surface"]')!
    await expect(getComputedStyle(surface).borderTopLeftRadius).toBe('28px')
    await expect(
      getComputedStyle(dialog.querySelector('[data-part="actions"]')!).justifyContent,
    ).toBe('flex-end')

    await userEvent.keyboard('{Escape}')
    await expect(args.onClose).toHaveBeenCalledWith('escape')
    await waitFor(() => expect(dialog).not.toHaveAttribute('open'))
    await expect(opener).toHaveFocus()
  },
}

/** A click on the scrim (outside the surface) closes it with the reason 'scrim'. */
export const ScrimClick: Story = {
  render: (args) => <RenameDemo onClose={args.onClose} />,
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Rename' }))
    const dialog = canvas.getByRole('dialog', { name: 'Rename task' })
    // Inside the surface: nothing happens.
    await userEvent.click(canvas.getByText('Pick a name your team will recognise.'))
    await expect(dialog).toHaveAttribute('open')
    await userEvent.click(dialog)
    await expect(args.onClose).toHaveBeenCalledWith('scrim')
    await expect(canvas.getByLabelText('Closed by')).toHaveTextContent('scrim')
    await expect(canvas.getByRole('button', { name: 'Rename' })).toHaveFocus()
  },
}

function ConfirmDemo({ destructive }: { destructive?: boolean }) {
  const [open, setOpen] = useState(false)
  const [result, setResult] = useState('')
  return (
    <>
      <Button variant="outlined" danger={destructive} onClick={() => setOpen(true)}>
        {destructive ? 'Delete tasks' : 'Publish'}
      </Button>
      <output aria-label="Result">{result}</output>
      <ConfirmDialog
        open={open}
        title={destructive ? 'Delete 3 tasks?' : 'Publish the page?'}
        message={destructive ? 'This cannot be undone.' : 'Everyone will see it.'}
        confirmLabel={destructive ? 'Delete' : 'Publish'}
        destructive={destructive}
        onConfirm={() => {
          setResult('confirmed')
          setOpen(false)
        }}
        onCancel={() => {
          setResult('cancelled')
          setOpen(false)
        }}
      />
    </>
  )
}

/** Destructive: error colours on confirm, focus on cancel (Enter does no harm). */
export const ConfirmDestructive: Story = {
  render: () => <ConfirmDemo destructive />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Delete tasks' }))
    const dialog = canvas.getByRole('alertdialog', { name: 'Delete 3 tasks?' })
    await expect(dialog).toHaveAccessibleDescription('This cannot be undone.')
    await expect(canvas.getByRole('button', { name: 'Cancel' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await expect(canvas.getByLabelText('Result')).toHaveTextContent('cancelled')
    await userEvent.click(canvas.getByRole('button', { name: 'Delete tasks' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Delete' }))
    await expect(canvas.getByLabelText('Result')).toHaveTextContent('confirmed')
  },
}

/** Not destructive: focus on confirm. Dark theme. */
export const ConfirmDark: Story = {
  globals: { theme: 'dark' },
  render: () => <ConfirmDemo />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    await userEvent.click(canvas.getByRole('button', { name: 'Publish' }))
    await expect(
      within(canvas.getByRole('alertdialog')).getByRole('button', { name: 'Publish' }),
    ).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    await expect(canvas.getByLabelText('Result')).toHaveTextContent('cancelled')
  },
}

/** Right to left: the actions row ends on the left. */
export const RightToLeft: Story = {
  render: () => (
    <div dir="rtl">
      <Dialog
        open
        title="إعادة التسمية"
        onClose={() => {}}
        actions={<Button variant="text">حفظ</Button>}
      >
        <p>اختر اسمًا.</p>
      </Dialog>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const dialog = canvas.getByRole('dialog', { name: 'إعادة التسمية' })
    const save = canvas.getByRole('button', { name: 'حفظ' })
    const surface = dialog.querySelector('[data-part="surface"]')!.getBoundingClientRect()
    await expect(save.getBoundingClientRect().left - surface.left).toBeLessThan(40)
  },
}
