import type { CSSProperties } from 'react'
import { connectProgress } from '../../controls/progress/progress.connect.js'
import { identityProps } from '../../normalizeProps.js'

/** Props of {@link LinearProgress}. */
export interface LinearProgressProps {
  /** How far along, from 0 to 1; omitted for an indeterminate animation. */
  value?: number
  /** The accessible name, e.g. "Loading tasks". */
  label: string
  /** Added to the root's classes. */
  className?: string
}

/** Props of {@link CircularProgress}. */
export interface CircularProgressProps extends LinearProgressProps {
  /** Diameter in CSS pixels. @default 48 */
  size?: number
}

/**
 * A Material 3 linear progress indicator (`role="progressbar"`), determinate or indeterminate.
 *
 * ```tsx
 * <LinearProgress label="Uploading" value={0.4} />
 * ```
 */
export function LinearProgress({ value, label, className }: LinearProgressProps) {
  const api = connectProgress({ value, label, shape: 'linear' }, { normalizeProps: identityProps })
  const { style, ...root } = api.getRootProps()
  return (
    <div {...root} style={style as CSSProperties} className={className}>
      <div {...api.getTrackProps()} />
      <div {...api.getIndicatorProps()} />
    </div>
  )
}

/**
 * A Material 3 circular progress indicator (`role="progressbar"`), determinate or indeterminate.
 *
 * ```tsx
 * <CircularProgress label="Loading" />
 * ```
 */
export function CircularProgress({ value, label, size, className }: CircularProgressProps) {
  const api = connectProgress(
    { value, label, size, shape: 'circular' },
    { normalizeProps: identityProps },
  )
  const { style, ...root } = api.getRootProps()
  return (
    <div {...root} style={style as CSSProperties} className={className}>
      <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <circle {...api.getTrackProps()} cx="24" cy="24" r="22" />
        <circle {...api.getIndicatorProps()} cx="24" cy="24" r="22" pathLength={100} />
      </svg>
    </div>
  )
}
