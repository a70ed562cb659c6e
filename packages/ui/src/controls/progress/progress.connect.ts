import { invalid } from '../../invalid.js'
import { identityProps, type NormalizeProps } from '../../normalizeProps.js'

/** What {@link connectProgress} needs to know about a progress indicator. */
export interface ProgressOptions {
  /** How far along, from 0 to 1; omitted (or null) for an indeterminate animation. */
  value?: number | null
  /** The accessible name, e.g. "Loading tasks". */
  label: string
  /** A bar or a ring. @default 'linear' */
  shape?: 'linear' | 'circular'
  /** The ring's diameter in CSS pixels (circular only). @default 48 */
  size?: number
}

/** Options of {@link connectProgress}. */
export interface ProgressConnectOptions {
  /** Adapts every prop object to the view's framework. @default identityProps (React) */
  normalizeProps?: NormalizeProps
}

interface PartProps<P extends string> {
  'data-scope': 'progress'
  'data-part': P
  'data-shape': 'linear' | 'circular'
  'data-state': 'determinate' | 'indeterminate'
}

/** Props of the root: `role="progressbar"`, with its value when it has one. */
export interface ProgressRootProps extends PartProps<'root'> {
  role: 'progressbar'
  'aria-label': string
  'aria-valuemin'?: 0
  'aria-valuemax'?: 100
  'aria-valuenow'?: number
  /** `--metal-progress-value` (0..1) and, for a ring, `--metal-progress-size`. */
  style: Record<string, string>
}

/** Prop getters of a linear or circular progress indicator. */
export interface ProgressApi {
  /** The value clamped to 0..1, or null when indeterminate. */
  value: number | null
  /** The value in whole percent, or null when indeterminate. */
  percent: number | null
  getRootProps(): ProgressRootProps
  getTrackProps(): PartProps<'track'> & { 'aria-hidden': 'true' }
  getIndicatorProps(): PartProps<'indicator'>
}

/**
 * Prop getters for a Material 3 progress indicator, linear or circular: determinate with a value
 * from 0 to 1 (`aria-valuenow` in percent), or indeterminate (animated; calmer under
 * `prefers-reduced-motion`).
 */
export function connectProgress(
  options: ProgressOptions,
  { normalizeProps = identityProps }: ProgressConnectOptions = {},
): ProgressApi {
  const call = 'connectProgress'
  if (options === null || typeof options !== 'object') {
    throw invalid(call, 'options', 'an object', options)
  }
  const raw = options.value
  if (raw !== undefined && raw !== null && (typeof raw !== 'number' || Number.isNaN(raw))) {
    throw invalid(call, 'value', 'a number from 0 to 1, or undefined', raw)
  }
  if (typeof options.label !== 'string' || options.label.trim() === '') {
    throw invalid(call, 'label', 'a non-empty string', options.label)
  }
  const shape = options.shape ?? 'linear'
  if (shape !== 'linear' && shape !== 'circular') {
    throw invalid(call, 'shape', "'linear' or 'circular'", shape)
  }
  const size = options.size ?? 48
  if (typeof size !== 'number' || !(size > 0) || !Number.isFinite(size)) {
    throw invalid(call, 'size', 'a positive number of pixels', size)
  }
  const value = raw === undefined || raw === null ? null : Math.min(1, Math.max(0, raw))
  const percent = value === null ? null : Math.round(value * 100)
  const part = <P extends string>(name: P): PartProps<P> => ({
    'data-scope': 'progress',
    'data-part': name,
    'data-shape': shape,
    'data-state': value === null ? 'indeterminate' : 'determinate',
  })
  return {
    value,
    percent,
    getRootProps: () =>
      normalizeProps<ProgressRootProps>({
        ...part('root'),
        role: 'progressbar',
        'aria-label': options.label,
        ...(percent === null
          ? {}
          : { 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': percent }),
        style: {
          ...(value === null ? {} : { '--metal-progress-value': String(value) }),
          ...(shape === 'circular' ? { '--metal-progress-size': `${size}px` } : {}),
        },
      }),
    getTrackProps: () => normalizeProps({ ...part('track'), 'aria-hidden': 'true' as const }),
    getIndicatorProps: () => normalizeProps(part('indicator')),
  }
}
