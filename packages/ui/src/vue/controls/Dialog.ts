import {
  defineComponent,
  h,
  mergeProps,
  onBeforeUnmount,
  onMounted,
  ref,
  useId,
  watch,
  type PropType,
  type SlotsType,
  type VNodeChild,
} from 'vue'
import { connectDialog } from '../../controls/dialog/dialog.connect.js'
import { closeDialog, getNativeCloseReason, openDialog } from '../../controls/dialog/dialog.dom.js'
import type { DialogCloseReason, DialogRole } from '../../controls/dialog/dialog.types.js'
import { invalid } from '../../invalid.js'
import { vueProps } from '../normalizeProps.js'

/** Props of {@link Dialog}; other attributes fall through to the `<dialog>`. */
export interface DialogProps {
  /** Whether it is shown (`v-model:open`). */
  open: boolean
  /** The headline; names the dialog (`aria-labelledby`). Or the `title` slot. */
  title?: string
  /** `alertdialog` for an interrupting confirmation. @default 'dialog' */
  role?: DialogRole
  /** Whether a click on the scrim asks to close. @default true */
  closeOnScrim?: boolean
  /** The `<dialog>`'s id. @default a generated one */
  id?: string
}

/** What the default and `actions` slots get. */
export interface DialogSlotProps {
  /** Asks to close, as Escape and the scrim do: emits `close(reason)` and `update:open(false)`. */
  close: (reason?: DialogCloseReason) => void
}

/** Slots of {@link Dialog}. */
export interface DialogSlots {
  /** The supporting text or content. */
  default?: (props: DialogSlotProps) => VNodeChild
  /** The headline, instead of the `title` text. */
  title?: () => VNodeChild
  /** Buttons for the actions row (at the end). */
  actions?: (props: DialogSlotProps) => VNodeChild
}

/**
 * A Material 3 basic dialog on a native `<dialog>` opened with `showModal()`: in the top layer,
 * the page inert behind it, focus inside (first focusable, or `data-initial-focus`) and back on
 * the opener when it closes. Escape and a scrim click emit `close` with the reason and
 * `update:open` with `false`; whether it closes is the caller's decision (`open` is controlled).
 *
 * ```vue
 * <Dialog v-model:open="renaming" title="Rename">
 *   <TextField v-model="name" label="Name" />
 *   <template #actions="{ close }"><Button variant="text" @click="close()">Done</Button></template>
 * </Dialog>
 * ```
 */
export const Dialog = defineComponent({
  name: 'MetalDialog',
  inheritAttrs: false,
  props: {
    /** Whether it is shown (`v-model:open`). */
    open: { type: Boolean, required: true },
    /** The headline; names the dialog. Or the `title` slot. */
    title: { type: String, default: undefined },
    /** `alertdialog` for an interrupting confirmation. */
    role: { type: String as PropType<DialogRole>, default: undefined },
    /** Whether a click on the scrim asks to close. */
    closeOnScrim: { type: Boolean, default: undefined },
    /** The `<dialog>`'s id. */
    id: { type: String, default: undefined },
  },
  emits: {
    /** The user asked to close it: always `false`. */
    'update:open': (open: boolean) => typeof open === 'boolean',
    /** Why the user asked to close it: Escape, a scrim click, or an action. */
    close: (reason: DialogCloseReason) => typeof reason === 'string',
  },
  slots: Object as SlotsType<DialogSlots>,
  setup(props, { attrs, emit, slots, expose }) {
    const generated = `metal-dialog-${useId()}`
    const dialog = ref<HTMLDialogElement | null>(null)
    let opener: Element | null = null
    let unmounting = false
    const requestClose = (reason: DialogCloseReason) => {
      emit('close', reason)
      emit('update:open', false)
    }
    const slotProps: DialogSlotProps = { close: (reason = 'action') => requestClose(reason) }
    expose({ el: dialog })

    function closeAndRestore(el: HTMLDialogElement) {
      const target = opener
      opener = null
      closeDialog(el, target)
    }

    function sync(open: boolean) {
      const el = dialog.value
      if (!el) return
      if (open && !el.open) opener = openDialog(el)
      else if (!open && el.open) closeAndRestore(el)
    }
    // After the DOM update, so the content is in place to take focus.
    onMounted(() => sync(props.open))
    watch(() => props.open, sync, { flush: 'post' })
    // Unmounted while open: close it and give focus back all the same.
    onBeforeUnmount(() => {
      unmounting = true
      if (dialog.value?.open) closeAndRestore(dialog.value)
    })
    // The browser may close it on its own (a form with method="dialog", a repeated Escape): tell
    // the caller, whose `open` is now out of date. Browsers fire `close` a task later, also after
    // our own close(): only a dialog the caller still wants open was closed behind its back.
    const onNativeClose = () => {
      if (unmounting || !props.open || !dialog.value) return
      requestClose(getNativeCloseReason(dialog.value))
    }

    return () => {
      const api = connectDialog(
        { open: props.open, role: props.role, closeOnScrim: props.closeOnScrim },
        { id: props.id ?? generated, onClose: requestClose, normalizeProps: vueProps },
      )
      const title = slots.title?.() ?? props.title
      if (title === undefined || title === '')
        throw invalid('<Dialog>', 'title', 'a non-empty string or a title slot', props.title)
      const content = slots.default?.(slotProps)
      const actions = slots.actions?.(slotProps)
      return h(
        'dialog',
        mergeProps(attrs, { ...api.getRootProps(), onClose: onNativeClose, ref: dialog }),
        [
          h('div', api.getSurfaceProps(), [
            h('h2', api.getTitleProps(), title),
            content !== undefined && h('div', api.getContentProps(), [content]),
            actions !== undefined && h('div', api.getActionsProps(), [actions]),
          ]),
        ],
      )
    }
  },
})
