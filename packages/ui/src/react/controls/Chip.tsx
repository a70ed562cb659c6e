import { useUiMessages } from '../provider/MetalUiProvider.js'
import { useId } from 'react'
import { connectChip } from '../../controls/chips/chips.connect.js'
import type { ChipsMessages } from '../../controls/chips/chips.types.js'
import type { IconName } from '../../icons/icons.js'
import { Icon } from './Icon.js'

/** Props of {@link Chip}. */
export interface ChipProps {
  /** What the chip says. */
  label: string
  /** Makes it a filter chip with this state (`aria-pressed`, check icon). */
  selected?: boolean
  /** Makes it an assist chip (a button) calling this on click. */
  onClick?: () => void
  /** Adds a remove button calling this (Backspace/Delete on the chip too). */
  onRemove?: () => void
  /** An icon before the label (the check replaces it while selected). */
  icon?: IconName
  /** @default false */
  disabled?: boolean
  /** Base of the parts' ids. @default a generated id */
  id?: string
  /** Words to use instead of the English defaults. */
  messages?: Partial<ChipsMessages>
}

/**
 * A Material 3 chip: an assist chip (`onClick`), a filter chip (`selected`), or a plain value;
 * with `onRemove`, a remove button after the label. The logic is `connectChip`.
 */
export function Chip({
  label,
  selected,
  onClick,
  onRemove,
  icon,
  disabled,
  id,
  messages,
}: ChipProps) {
  const autoId = useId()
  const words = useUiMessages('chips', messages)
  const api = connectChip({
    id: id ?? `metal-chip-${autoId}`,
    label,
    selected,
    interactive: !!onClick,
    removable: !!onRemove,
    icon,
    disabled,
    onClick,
    onRemove,
    messages: words,
  })
  return <ChipView api={api} label={label} removable={!!onRemove} />
}

/** Renders a chip from its prop getters (shared by Chip and ChipInput). */
export function ChipView({
  api,
  label,
  removable,
}: {
  api: ReturnType<typeof connectChip>
  label: string
  removable: boolean
}) {
  const content = (
    <>
      {api.leadingIcon ? (
        <span {...api.getIconProps()}>
          <Icon name={api.leadingIcon} size={18} />
        </span>
      ) : null}
      <span {...api.getLabelProps()}>{label}</span>
    </>
  )
  return (
    <span {...api.getRootProps()}>
      {api.interactive ? (
        <button {...api.getActionProps()}>{content}</button>
      ) : (
        <span {...api.getActionProps()}>{content}</span>
      )}
      {removable ? (
        <button {...api.getRemoveProps()}>
          <Icon name="close" size={18} />
        </button>
      ) : null}
    </span>
  )
}
