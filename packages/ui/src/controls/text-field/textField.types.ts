/** The two Material 3 text field styles. */
export type TextFieldVariant = 'outlined' | 'filled'

/** Input types a text field accepts. */
export type TextFieldType = 'text' | 'email' | 'number' | 'password' | 'search' | 'tel' | 'url'

/** What a text field keeps between renders: whether its input has focus. */
export interface TextFieldState {
  focused: boolean
}

/** What can happen to a text field. */
export type TextFieldEvent = { type: 'FOCUS' } | { type: 'BLUR' }

/** Words a field shows or announces. */
export interface TextFieldMessages {
  /** The character counter under the field ("12/50"). */
  counter: (length: number, maxLength: number) => string
  /** Said after the counter: how many characters are left. */
  counterRemaining: (remaining: number) => string
}
