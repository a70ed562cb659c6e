import { useId, useLayoutEffect, useRef, type ReactNode } from 'react'

/** Props of {@link PageDialog}. */
export interface PageDialogProps {
  /** The dialog's title (its accessible name). */
  title: string
  /** Called when the user dismisses it: Escape, or a `method="dialog"` form. */
  onClose: () => void
  /** `data-part` of the dialog, for styles and tests. */
  part: string
  /** `alertdialog` for a confirmation. @default 'dialog' */
  role?: 'dialog' | 'alertdialog'
  children: ReactNode
}

/**
 * A modal `<dialog>` opened with `showModal()` while mounted: in the top layer, with the page
 * inert behind it, closed by Escape; focus goes back to what had it when the dialog went away.
 */
export function PageDialog({ title, onClose, part, role, children }: PageDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = `${useId()}-title`
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose

  useLayoutEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const opener = document.activeElement
    if (!dialog.open) dialog.showModal()
    const closed = () => onCloseRef.current()
    dialog.addEventListener('close', closed)
    return () => {
      dialog.removeEventListener('close', closed)
      if (dialog.open) dialog.close()
      // The opener may have gone meanwhile (a deleted row's button): then focus stays put.
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      data-scope="collection-page"
      data-part={part}
      className="metal-collection-page-dialog"
      aria-labelledby={titleId}
      {...(role === 'alertdialog' ? { role } : {})}
      onKeyDown={(event) => {
        // The native cancel on Escape, also for synthetic key events (tests, automation).
        if (event.key !== 'Escape' || event.defaultPrevented) return
        event.preventDefault()
        onCloseRef.current()
      }}
    >
      <h2 data-scope="collection-page" data-part="dialog-title" id={titleId}>
        {title}
      </h2>
      {children}
    </dialog>
  )
}
