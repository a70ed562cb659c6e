import { defineComponent, h, type PropType, type SlotsType, type VNodeChild } from 'vue'
import type { DialogMessages } from '../../controls/dialog/dialog.types.js'
import { invalid } from '../../invalid.js'
import { useUiMessages } from '../provider/MetalUiProvider.js'
import { Button } from './Button.js'
import { Dialog } from './Dialog.js'

/** Props of {@link ConfirmDialog}; other attributes fall through to the `<dialog>`. */
export interface ConfirmDialogProps {
  /** Whether it is shown (`v-model:open`: cancelling closes it). */
  open: boolean
  /** The question, e.g. "Delete 3 tasks?"; or the `title` slot. */
  title?: string
  /** What happens if the user confirms; or the default slot. */
  message?: string
  /** The confirm button's label, a verb: "Delete". */
  confirmLabel: string
  /** The cancel button's label. @default messages.cancel ('Cancel') */
  cancelLabel?: string
  /** Error colours on the confirm button, and focus on cancel. @default false */
  destructive?: boolean
  /** Words to show instead of the English defaults. */
  messages?: Partial<DialogMessages>
}

/** Slots of {@link ConfirmDialog}. */
export interface ConfirmDialogSlots {
  /** What happens if the user confirms, instead of the `message` text. */
  default?: () => VNodeChild
  /** The question, instead of the `title` text. */
  title?: () => VNodeChild
}

/**
 * A Material 3 confirmation (`alertdialog`): a question, what it does, cancel and confirm. A
 * destructive one uses the error colours and puts focus on cancel, so Enter does no harm.
 * Confirming emits `confirm` (close it when the work is done); the cancel button, Escape and the
 * scrim emit `cancel` and `update:open` with `false`.
 *
 * ```vue
 * <ConfirmDialog v-model:open="asking" title="Delete 3 tasks?" message="This cannot be undone."
 *   confirm-label="Delete" destructive @confirm="remove" />
 * ```
 */
export const ConfirmDialog = defineComponent({
  name: 'MetalConfirmDialog',
  props: {
    /** Whether it is shown (`v-model:open`). */
    open: { type: Boolean, required: true },
    /** The question; or the `title` slot. */
    title: { type: String, default: undefined },
    /** What happens if the user confirms; or the default slot. */
    message: { type: String, default: undefined },
    /** The confirm button's label, a verb. */
    confirmLabel: { type: String, required: true },
    /** The cancel button's label. */
    cancelLabel: { type: String, default: undefined },
    /** Error colours on the confirm button, and focus on cancel. */
    destructive: { type: Boolean, default: false },
    /** Words to show instead of the English defaults. */
    messages: { type: Object as PropType<Partial<DialogMessages>>, default: undefined },
  },
  emits: {
    /** The user confirmed. */
    confirm: () => true,
    /** The user cancelled: the cancel button, Escape or the scrim. */
    cancel: () => true,
    /** The user cancelled: always `false`. */
    'update:open': (open: boolean) => typeof open === 'boolean',
  },
  slots: Object as SlotsType<ConfirmDialogSlots>,
  setup(props, { emit, slots }) {
    const words = useUiMessages('dialog', () => props.messages)
    const cancel = () => {
      emit('cancel')
      emit('update:open', false)
    }
    return () => {
      if (typeof props.confirmLabel !== 'string' || props.confirmLabel === '')
        throw invalid('<ConfirmDialog>', 'confirmLabel', 'a non-empty string', props.confirmLabel)
      const initial = { 'data-initial-focus': '' }
      return h(
        Dialog,
        { open: props.open, role: 'alertdialog', title: props.title, onClose: cancel },
        {
          ...(slots.title ? { title: slots.title } : {}),
          default: () => slots.default?.() ?? h('p', props.message),
          actions: () => [
            h(
              Button,
              { variant: 'text', onClick: cancel, ...(props.destructive ? initial : {}) },
              () => props.cancelLabel ?? words.value.cancel,
            ),
            h(
              Button,
              {
                variant: props.destructive ? 'filled' : 'text',
                danger: props.destructive,
                onClick: () => emit('confirm'),
                ...(props.destructive ? {} : initial),
              },
              () => props.confirmLabel,
            ),
          ],
        },
      )
    }
  },
})
