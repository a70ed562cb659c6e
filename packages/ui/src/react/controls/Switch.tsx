import { useId, type ReactNode } from 'react'
import { connectSwitch } from '../../controls/switch/switch.connect.js'
import { updateSwitch } from '../../controls/switch/switch.model.js'
import { identityProps } from '../../normalizeProps.js'
import { Icon } from './Icon.js'

/** Props of {@link Switch}. */
export interface SwitchProps {
  /** On or off. */
  checked: boolean
  /** Called with the new value when the user flips it. */
  onCheckedChange: (checked: boolean) => void
  /** Visible label, after the track (clicking it flips the switch too). */
  label?: ReactNode
  /** Accessible name when there is no visible label. */
  'aria-label'?: string
  /** @default false */
  disabled?: boolean
  /** A check (on) or cross (off) in the handle. @default false */
  icons?: boolean
  /** The native input's `id`. @default a generated one */
  id?: string
  /** The form field name. */
  name?: string
  /** Added to the root `<label>`'s classes. */
  className?: string
}

/**
 * A Material 3 switch (`role="switch"`) for a setting that applies at once.
 *
 * ```tsx
 * <Switch checked={live} onCheckedChange={setLive} label="Live updates" icons />
 * ```
 */
export function Switch({
  checked,
  onCheckedChange,
  label,
  'aria-label': ariaLabel,
  disabled = false,
  icons = false,
  id,
  name,
  className,
}: SwitchProps) {
  const generated = useId()
  const state = { checked, disabled }
  const api = connectSwitch(
    state,
    (event) => {
      const next = updateSwitch(state, event)
      if (next !== state) onCheckedChange(next.checked)
    },
    { id: id ?? generated, name, ariaLabel, icons, normalizeProps: identityProps },
  )
  return (
    <label {...api.getRootProps()} className={className}>
      <span {...api.getTrackProps()}>
        <input {...api.getInputProps()} />
        <span {...api.getHandleProps()}>{api.icon && <Icon name={api.icon} size={16} />}</span>
      </span>
      {label !== undefined && label !== null && <span {...api.getLabelProps()}>{label}</span>}
    </label>
  )
}
