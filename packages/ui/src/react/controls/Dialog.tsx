import { useUiMessages } from '../provider/MetalUiProvider.js'
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react'
import { connectDialog } from '../../controls/dialog/dialog.connect.js'
import { closeDialog, getNativeCloseReason, openDialog } from '../../controls/dialog/dialog.dom.js'
import type {
  DialogCloseReason,
  DialogMessages,
  DialogRole,
} from '../../controls/dialog/dialog.types.js'
import { identityProps } from '../../normalizeProps.js'
import { Button } from './Button.js'

/** Props of {@link Dialog}. */
export interface DialogProps {
  /** Whether it is shown (controlled: close it from `onClose`). */
  open: boolean
  /** Called with why the user asked to close: Escape, a scrim click, or an action. */
  onClose: (reason: DialogCloseReason) => void
  /** The headline; names the dialog (`aria-labelledby`). */
  title: ReactNode
  /** The supporting text or content. */
  children?: ReactNode
  /** Buttons for the actions row (at the end). */
  actions?: ReactNode
  /** `alertdialog` for an interrupting confirmation. @default 'dialog' */
  role?: DialogRole
  /** Whether a click on the scrim asks to close. @default true */
  closeOnScrim?: boolean
  /** The `<dialog>`'s id. @default a generated one */
  id?: string
  /** Added to the `<dialog>`'s classes. */
  className?: string
}

/**
 * A Material 3 basic dialog on a native `<dialog>` opened with `showModal()`: in the top layer,
 * the page inert behind it, focus inside (first focusable, or `data-initial-focus`) and back on
 * the opener when it closes. Escape and a scrim click call `onClose` with the reason.
 *
 * ```tsx
 * <Dialog open={open} onClose={() => setOpen(false)} title="Rename"
 *   actions={<Button variant="text" onClick={() => setOpen(false)}>Done</Button>}>…</Dialog>
 * ```
 */
export function Dialog({
  open,
  onClose,
  title,
  children,
  actions,
  role,
  closeOnScrim,
  id,
  className,
}: DialogProps) {
  const generated = useId()
  const ref = useRef<HTMLDialogElement>(null)
  const opener = useRef<Element | null>(null)
  const openRef = useRef(open)
  openRef.current = open
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose
  const api = connectDialog(
    { open, role, closeOnScrim },
    {
      id: id ?? `metal-dialog${generated.replace(/:/g, '')}`,
      onClose: (reason) => onCloseRef.current(reason),
      normalizeProps: identityProps,
    },
  )

  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      opener.current = openDialog(dialog)
    } else if (!open && dialog.open) {
      closeAndRestore(dialog)
    }
  }, [open])

  // Unmounted while open: close it and give focus back all the same.
  useLayoutEffect(() => {
    const dialog = ref.current
    return () => {
      if (dialog?.open) closeAndRestore(dialog)
    }
  }, [])

  // The browser may close it on its own (a form with method="dialog", a repeated Escape): tell
  // the caller, whose `open` is now out of date.
  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    // Browsers fire `close` a task later, also after our own close(): only a dialog the caller still
    // wants open has been closed behind its back.
    const closed = () => {
      if (!openRef.current) return
      onCloseRef.current(getNativeCloseReason(dialog))
    }
    dialog.addEventListener('close', closed)
    return () => dialog.removeEventListener('close', closed)
  }, [])

  function closeAndRestore(dialog: HTMLDialogElement) {
    const target = opener.current
    opener.current = null
    closeDialog(dialog, target)
  }

  return (
    <dialog {...api.getRootProps()} ref={ref} className={className}>
      <div {...api.getSurfaceProps()}>
        <h2 {...api.getTitleProps()}>{title}</h2>
        {children !== undefined && children !== null && (
          <div {...api.getContentProps()}>{children}</div>
        )}
        {actions !== undefined && actions !== null && (
          <div {...api.getActionsProps()}>{actions}</div>
        )}
      </div>
    </dialog>
  )
}

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** Whether it is shown. */
  open: boolean
  /** The question, e.g. "Delete 3 tasks?". */
  title: ReactNode
  /** What happens if the user confirms. */
  message: ReactNode
  /** The confirm button's label, a verb: "Delete". */
  confirmLabel: string
  /** The cancel button's label. @default messages.cancel ('Cancel') */
  cancelLabel?: string
  /** Error colours on the confirm button, and focus on cancel. @default false */
  destructive?: boolean
  /** Called when the user confirms. */
  onConfirm: () => void
  /** Called when the user cancels: the cancel button, Escape or the scrim. */
  onCancel: () => void
  /** Words to show instead of the English defaults. */
  messages?: Partial<DialogMessages>
}

/**
 * A Material 3 confirmation (`alertdialog`): a question, what it does, cancel and confirm. A
 * destructive one uses the error colours and puts focus on cancel, so Enter does no harm.
 *
 * ```tsx
 * <ConfirmDialog open={asking} title="Delete 3 tasks?" message="This cannot be undone."
 *   confirmLabel="Delete" destructive onConfirm={remove} onCancel={() => setAsking(false)} />
 * ```
 */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  cancelLabel,
  destructive = false,
  onConfirm,
  onCancel,
  messages,
}: ConfirmDialogProps) {
  const words = useUiMessages('dialog', messages)
  return (
    <Dialog
      open={open}
      role="alertdialog"
      title={title}
      onClose={() => onCancel()}
      actions={
        <>
          <Button
            variant="text"
            onClick={onCancel}
            {...(destructive ? { 'data-initial-focus': '' } : {})}
          >
            {cancelLabel ?? words.cancel}
          </Button>
          <Button
            variant={destructive ? 'filled' : 'text'}
            danger={destructive}
            onClick={onConfirm}
            {...(destructive ? {} : { 'data-initial-focus': '' })}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      {typeof message === 'string' ? <p>{message}</p> : message}
    </Dialog>
  )
}
