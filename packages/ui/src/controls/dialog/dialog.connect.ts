import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'
import type {
  DialogCloseReason,
  DialogMessages,
  DialogOptions,
  DialogRole,
} from './dialog.types.js'

/** The default English messages. */
export const DEFAULT_DIALOG_MESSAGES: DialogMessages = { cancel: 'Cancel' }

/** Options of {@link connectDialog}. */
export interface DialogConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /** Called when the user asks to close it; the caller then sets `open` to false. */
  onClose: (reason: DialogCloseReason) => void
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

interface PartProps<P extends string> {
  'data-scope': 'dialog'
  'data-part': P
}

/** The minimal event shape the handlers read (a DOM or framework event). */
interface DialogDomEvent {
  key?: string
  target: unknown
  currentTarget: unknown
  defaultPrevented?: boolean
  preventDefault(): void
}

/** Props of the native `<dialog>`. */
export interface DialogRootProps extends PartProps<'root'> {
  id: string
  role?: 'alertdialog'
  'aria-labelledby': string
  'aria-describedby'?: string
  'data-state': 'open' | 'closed'
  tabIndex: -1
  /** Escape: asks to close instead of letting the browser close it behind the caller's back. */
  onKeyDown: (event: DialogDomEvent) => void
  /** The browser's own close request (Escape, a platform back gesture). */
  onCancel: (event: DialogDomEvent) => void
  /** A click on the `<dialog>` itself, not its surface, is a click on the scrim. */
  onClick: (event: DialogDomEvent) => void
}

/** Prop getters of a dialog. */
export interface DialogApi {
  open: boolean
  role: DialogRole
  getRootProps(): DialogRootProps
  /** The Material 3 surface inside the `<dialog>` (28 px corners, surface-container-high). */
  getSurfaceProps(): PartProps<'surface'>
  /** The headline: names the dialog. */
  getTitleProps(): PartProps<'title'> & { id: string }
  /** The supporting text: describes an alert dialog. */
  getContentProps(): PartProps<'content'> & { id: string }
  /** The row of actions, at the end. */
  getActionsProps(): PartProps<'actions'>
  /** Asks to close with `reason` (an action button calls it with 'action'). */
  close(reason: DialogCloseReason): void
}

/**
 * Prop getters for a Material 3 basic dialog on a native `<dialog>`: the view opens it with
 * `showModal()` (top layer, inert page behind), labelled by its headline. Escape and a click on the
 * scrim call `onClose` with the reason; closing is the caller's decision (`open` is controlled).
 */
export function connectDialog(options: DialogOptions, connect: DialogConnectOptions): DialogApi {
  const call = 'connectDialog'
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  if (typeof options.open !== 'boolean') throw invalid(call, 'open', 'a boolean', options.open)
  const role = options.role ?? 'dialog'
  if (role !== 'dialog' && role !== 'alertdialog') {
    throw invalid(call, 'role', "'dialog' or 'alertdialog'", role)
  }
  if (connect === null || typeof connect !== 'object') {
    throw invalid(call, 'connect options', 'an object', connect)
  }
  if (typeof connect.id !== 'string' || connect.id === '') {
    throw invalid(call, 'id', 'a non-empty string', connect.id)
  }
  if (typeof connect.onClose !== 'function') {
    throw invalid(call, 'onClose', 'a function', connect.onClose)
  }
  const normalize = connect.normalizeProps ?? identityProps
  const { id, onClose } = connect
  const closeOnScrim = options.closeOnScrim !== false
  const titleId = `${id}-title`
  const contentId = `${id}-content`
  const part = <P extends string>(name: P): PartProps<P> => ({
    'data-scope': 'dialog',
    'data-part': name,
  })
  return {
    open: options.open,
    role,
    close: (reason) => onClose(reason),
    getRootProps: () =>
      normalize<DialogRootProps>({
        ...part('root'),
        id,
        ...(role === 'alertdialog' ? { role } : {}),
        'aria-labelledby': titleId,
        ...(role === 'alertdialog' ? { 'aria-describedby': contentId } : {}),
        'data-state': options.open ? 'open' : 'closed',
        tabIndex: -1,
        onKeyDown: (event) => {
          if (event.key !== 'Escape' || event.defaultPrevented) return
          // Handled here so the browser does not close the dialog itself: the caller decides.
          event.preventDefault()
          onClose('escape')
        },
        onCancel: (event) => {
          event.preventDefault()
          onClose('escape')
        },
        onClick: (event) => {
          if (closeOnScrim && event.target === event.currentTarget) onClose('scrim')
        },
      }),
    getSurfaceProps: () => normalize(part('surface')),
    getTitleProps: () => normalize({ ...part('title'), id: titleId }),
    getContentProps: () => normalize({ ...part('content'), id: contentId }),
    getActionsProps: () => normalize(part('actions')),
  }
}
