import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import { Button } from '../Button.js'
import { ConfirmDialog, Dialog } from '../Dialog.js'

function Opener({ onClose }: { onClose?: (reason: string) => void }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button onClick={() => setOpen(true)}>Rename</Button>
      <Dialog
        open={open}
        title="Rename task"
        onClose={(reason) => {
          onClose?.(reason)
          setOpen(false)
        }}
        actions={
          <Button variant="text" onClick={() => setOpen(false)}>
            Done
          </Button>
        }
      >
        <input aria-label="Name" />
      </Dialog>
    </>
  )
}

describe('<Dialog>', () => {
  it('opens labelled by its title, focuses the first focusable, returns focus on close', () => {
    render(<Opener />)
    const opener = screen.getByRole('button', { name: 'Rename' })
    opener.focus()
    fireEvent.click(opener)
    const dialog = screen.getByRole('dialog', { name: 'Rename task' })
    expect(dialog.hasAttribute('open')).toBe(true)
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Name' }))
    fireEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(dialog.hasAttribute('open')).toBe(false)
    expect(document.activeElement).toBe(opener)
  })

  it('asks to close with the reason: Escape, then a scrim click', () => {
    const onClose = vi.fn()
    render(<Opener onClose={onClose} />)
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Name' }), { key: 'Escape' })
    expect(onClose).toHaveBeenLastCalledWith('escape')
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    const dialog = screen.getByRole('dialog', { name: 'Rename task' })
    fireEvent.click(screen.getByRole('textbox', { name: 'Name' }))
    expect(onClose).toHaveBeenCalledTimes(1)
    fireEvent.click(dialog)
    expect(onClose).toHaveBeenLastCalledWith('scrim')
    expect(dialog.hasAttribute('open')).toBe(false)
  })

  it('falls back to the open attribute where showModal is missing', () => {
    const showModal = HTMLDialogElement.prototype.showModal
    // @ts-expect-error: removed to stand for a DOM without modal dialogs
    delete HTMLDialogElement.prototype.showModal
    try {
      render(
        <Dialog open title="Plain" onClose={() => {}}>
          Text
        </Dialog>,
      )
      expect(screen.getByRole('dialog', { name: 'Plain' }).hasAttribute('open')).toBe(true)
    } finally {
      HTMLDialogElement.prototype.showModal = showModal
    }
  })
})

describe('<ConfirmDialog>', () => {
  it('is an alertdialog described by its message; destructive focuses cancel', () => {
    const onConfirm = vi.fn()
    const onCancel = vi.fn()
    render(
      <ConfirmDialog
        open
        title="Delete 3 tasks?"
        message="This cannot be undone."
        confirmLabel="Delete"
        destructive
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    )
    const dialog = screen.getByRole('alertdialog', { name: 'Delete 3 tasks?' })
    expect(dialog.getAttribute('aria-describedby')).toBe(
      screen.getByText('This cannot be undone.').parentElement?.id,
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }))
    expect(screen.getByRole('button', { name: 'Delete' }).hasAttribute('data-danger')).toBe(true)
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }))
    expect(onConfirm).toHaveBeenCalledTimes(1)
    fireEvent.keyDown(dialog, { key: 'Escape' })
    expect(onCancel).toHaveBeenCalledTimes(1)
  })

  it('focuses confirm when not destructive, and takes the cancel label from messages', () => {
    render(
      <ConfirmDialog
        open
        title="Publish?"
        message="Everyone will see it."
        confirmLabel="Publish"
        messages={{ cancel: 'Not now' }}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    )
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Publish' }))
    expect(screen.getByRole('button', { name: 'Not now' })).toBeTruthy()
  })
})
