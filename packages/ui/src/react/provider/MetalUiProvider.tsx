import { createContext, useContext, useMemo, type ReactNode } from 'react'
import {
  DEFAULT_UI_MESSAGES,
  mergeUiMessages,
  type UiMessages,
  type UiMessagesInput,
} from '../../messages.js'
import { invalid } from '../../invalid.js'

/** The writing direction of the text around a component. */
export type UiDirection = 'ltr' | 'rtl'

interface UiContext {
  messages: UiMessages
  dir: UiDirection | undefined
}

const Context = createContext<UiContext>({ messages: DEFAULT_UI_MESSAGES, dir: undefined })

/** Props of {@link MetalUiProvider}. */
export interface MetalUiProviderProps {
  /** Translations of the components' words, by component; the rest stay English. */
  messages?: UiMessagesInput
  /**
   * Writing direction of the components inside. Without it they follow the `dir` attribute of
   * the document.
   */
  dir?: UiDirection
  children?: ReactNode
}

/**
 * Sets the language and direction of every @metal/ui component inside: one messages object for
 * the whole app (a component's own `messages` prop still wins), and `dir` for right-to-left
 * layouts and keyboard. Nest providers to change either for part of a page.
 *
 * ```tsx
 * <MetalUiProvider messages={{ pagination: { nextPage: 'Nächste Seite' } }} dir="ltr">
 *   <App />
 * </MetalUiProvider>
 * ```
 */
export function MetalUiProvider({ messages, dir, children }: MetalUiProviderProps) {
  if (dir !== undefined && dir !== 'ltr' && dir !== 'rtl') {
    throw invalid('<MetalUiProvider>', 'dir', "'ltr' or 'rtl'", dir)
  }
  const outer = useContext(Context)
  // Inline message objects are new on every render; compare their content, not their identity.
  const key = JSON.stringify(messages ?? null, (_, v: unknown) =>
    typeof v === 'function' ? String(v) : v,
  )
  const value = useMemo<UiContext>(
    () => ({ messages: mergeUiMessages(messages, outer.messages), dir: dir ?? outer.dir }),
    [key, outer, dir], // `key` stands for `messages`
  )
  return <Context.Provider value={value}>{children}</Context.Provider>
}

/**
 * The words of one component: the app's (from {@link MetalUiProvider}) with the component's own
 * `messages` prop laid over them.
 */
export function useUiMessages<K extends keyof UiMessages>(
  section: K,
  own?: Partial<UiMessages[K]>,
): UiMessages[K] {
  const { messages } = useContext(Context)
  return useMemo(
    () => (own ? { ...messages[section], ...own } : messages[section]),
    [messages, section, own],
  )
}

/**
 * The writing direction components inside lay out and read arrow keys in: the nearest
 * {@link MetalUiProvider}'s `dir`, else the document's, else left-to-right.
 */
export function useUiDirection(): UiDirection {
  const { dir } = useContext(Context)
  if (dir) return dir
  if (typeof document !== 'undefined' && document.documentElement.dir === 'rtl') return 'rtl'
  return 'ltr'
}
