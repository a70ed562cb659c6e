import { defineComponent, h } from 'vue'
import { connectProgress } from '../../controls/progress/progress.connect.js'
import { vueProps } from '../normalizeProps.js'

/** Props of {@link LinearProgress}. */
export interface LinearProgressProps {
  /** How far along, from 0 to 1; omitted for an indeterminate animation. */
  value?: number
  /** The accessible name, e.g. "Loading tasks". */
  label: string
}

/** Props of {@link CircularProgress}. */
export interface CircularProgressProps extends LinearProgressProps {
  /** Diameter in CSS pixels. @default 48 */
  size?: number
}

/**
 * A Material 3 linear progress indicator (`role="progressbar"`), determinate or indeterminate.
 *
 * ```vue
 * <LinearProgress label="Uploading" :value="0.4" />
 * ```
 */
export const LinearProgress = defineComponent({
  name: 'MetalLinearProgress',
  props: {
    /** How far along, from 0 to 1; omitted for an indeterminate animation. */
    value: { type: Number, default: undefined },
    /** The accessible name, e.g. "Loading tasks". */
    label: { type: String, required: true },
  },
  setup(props) {
    return () => {
      const api = connectProgress(
        { value: props.value, label: props.label, shape: 'linear' },
        { normalizeProps: vueProps },
      )
      return h('div', api.getRootProps(), [
        h('div', api.getTrackProps()),
        h('div', api.getIndicatorProps()),
      ])
    }
  },
})

/**
 * A Material 3 circular progress indicator (`role="progressbar"`), determinate or indeterminate.
 *
 * ```vue
 * <CircularProgress label="Loading" />
 * ```
 */
export const CircularProgress = defineComponent({
  name: 'MetalCircularProgress',
  props: {
    /** How far along, from 0 to 1; omitted for an indeterminate animation. */
    value: { type: Number, default: undefined },
    /** The accessible name, e.g. "Loading". */
    label: { type: String, required: true },
    /** Diameter in CSS pixels. */
    size: { type: Number, default: undefined },
  },
  setup(props) {
    return () => {
      const api = connectProgress(
        { value: props.value, label: props.label, size: props.size, shape: 'circular' },
        { normalizeProps: vueProps },
      )
      return h('div', api.getRootProps(), [
        h('svg', { viewBox: '0 0 48 48', 'aria-hidden': 'true', focusable: 'false' }, [
          h('circle', { ...api.getTrackProps(), cx: '24', cy: '24', r: '22' }),
          h('circle', {
            ...api.getIndicatorProps(),
            cx: '24',
            cy: '24',
            r: '22',
            pathLength: 100,
          }),
        ]),
      ])
    }
  },
})
