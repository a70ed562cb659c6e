import {
  computed,
  defineComponent,
  inject,
  provide,
  toValue,
  type ComputedRef,
  type InjectionKey,
  type MaybeRefOrGetter,
  type PropType,
} from 'vue'
import { invalid } from '../../invalid.js'
import {
  DEFAULT_UI_MESSAGES,
  mergeUiMessages,
  type UiMessages,
  type UiMessagesInput,
} from '../../messages.js'

/** The writing direction of the text around a component. */
export type UiDirection = 'ltr' | 'rtl'

interface UiContext {
  messages: ComputedRef<UiMessages>
  dir: ComputedRef<UiDirection | undefined>
}

const KEY: InjectionKey<UiContext> = Symbol('metal-ui')

const ROOT: UiContext = {
  messages: computed(() => DEFAULT_UI_MESSAGES),
  dir: computed(() => undefined),
}

/** The nearest provided context, or the English left-to-right defaults. */
function useContext(): UiContext {
  return inject(KEY, ROOT)
}

/** Options of {@link provideMetalUi}: what {@link MetalUiProvider} takes as props. */
export interface MetalUiOptions {
  /** Translations of the components' words, by component; the rest stay English. */
  messages?: UiMessagesInput
  /**
   * Writing direction of the components inside. Without it they follow the `dir` attribute of
   * the document.
   */
  dir?: UiDirection
}

/**
 * Sets the language and direction of every @metal/ui component in the calling component's
 * subtree (the composable behind {@link MetalUiProvider}). Refs and getters stay live.
 *
 * ```ts
 * provideMetalUi({ messages: { pagination: { nextPage: 'Nächste Seite' } } })
 * ```
 */
export function provideMetalUi(options: MaybeRefOrGetter<MetalUiOptions>): void {
  const outer = useContext()
  const read = (): MetalUiOptions => {
    const value = toValue(options) ?? {}
    if (value.dir !== undefined && value.dir !== 'ltr' && value.dir !== 'rtl') {
      throw invalid('<MetalUiProvider>', 'dir', "'ltr' or 'rtl'", value.dir)
    }
    return value
  }
  read()
  provide(KEY, {
    messages: computed(() => mergeUiMessages(read().messages, outer.messages.value)),
    dir: computed(() => read().dir ?? outer.dir.value),
  })
}

/**
 * Sets the language and direction of every @metal/ui component inside: one messages object for
 * the whole app (a component's own `messages` prop still wins), and `dir` for right-to-left
 * layouts and keyboard. Nest providers to change either for part of a page.
 *
 * ```vue
 * <MetalUiProvider :messages="{ pagination: { nextPage: 'Nächste Seite' } }" dir="ltr">
 *   <App />
 * </MetalUiProvider>
 * ```
 */
export const MetalUiProvider = defineComponent({
  name: 'MetalUiProvider',
  props: {
    /** Translations of the components' words, by component; the rest stay English. */
    messages: { type: Object as PropType<UiMessagesInput>, default: undefined },
    /** Writing direction of the components inside; the document's when omitted. */
    dir: { type: String as PropType<UiDirection>, default: undefined },
  },
  setup(props, { slots }) {
    provideMetalUi(() => ({ messages: props.messages, dir: props.dir }))
    return () => slots.default?.()
  },
})

/**
 * The words of one component: the app's (from {@link MetalUiProvider}) with the component's own
 * `messages` prop laid over them.
 */
export function useUiMessages<K extends keyof UiMessages>(
  section: K,
  own?: MaybeRefOrGetter<Partial<UiMessages[K]> | undefined>,
): ComputedRef<UiMessages[K]> {
  const { messages } = useContext()
  return computed(() => {
    const mine = toValue(own)
    return mine ? { ...messages.value[section], ...mine } : messages.value[section]
  })
}

/**
 * The writing direction components inside lay out and read arrow keys in: the nearest
 * {@link MetalUiProvider}'s `dir`, else the document's, else left-to-right.
 */
export function useUiDirection(): ComputedRef<UiDirection> {
  const { dir } = useContext()
  return computed(() => {
    if (dir.value) return dir.value
    if (typeof document !== 'undefined' && document.documentElement.dir === 'rtl') return 'rtl'
    return 'ltr'
  })
}
