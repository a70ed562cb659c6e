// @metal/ui/vue: the Vue views of @metal/ui's headless models. Each component renders the props
// of the same connect functions the React views spread, through `vueProps`.
export { vueProps as normalizeProps } from './normalizeProps.js'
export {
  MetalUiProvider,
  provideMetalUi,
  useUiMessages,
  useUiDirection,
} from './provider/MetalUiProvider.js'
export type { MetalUiOptions, UiDirection } from './provider/MetalUiProvider.js'
// ─── Controls: icons, buttons, progress ─────────────────────────────────────────────────────────
export { Icon } from './controls/Icon.js'
export type { IconProps } from './controls/Icon.js'
export { Button } from './controls/Button.js'
export type { ButtonProps } from './controls/Button.js'
export { IconButton } from './controls/IconButton.js'
export type { IconButtonProps } from './controls/IconButton.js'
export { LinearProgress, CircularProgress } from './controls/Progress.js'
export type { LinearProgressProps, CircularProgressProps } from './controls/Progress.js'
