// The props connectForm gives each part of a form, framework-neutral (see normalizeProps.ts).

import type { NormalizeProps } from '../normalizeProps.js'
import type { FieldControlBinding } from './form.controls.js'
import type {
  ControlKind,
  FieldChange,
  FieldDefinition,
  FormEvent,
  FormMessages,
  FormState,
} from './form.types.js'

/** Options of {@link connectForm}. */
export interface FormConnectOptions {
  /** Base of the ids given to the parts; unique within the document. */
  id: string
  /**
   * The framework's prop normalizer, run over every prop object.
   * @default identityProps (React's form)
   */
  normalizeProps?: NormalizeProps
  /**
   * The submit button's text.
   * @default messages.create, or messages.save in edit mode
   */
  submitLabel?: string
  /** The writing direction, set on the form when given (else it follows the page). */
  dir?: 'ltr' | 'rtl'
  /** Called by the cancel button; without it `getCancelProps` is not meant to be rendered. */
  onCancel?: () => void
}

/** Attributes every part carries, for styling (`[data-scope='form'][data-part='…']`). */
export interface FormPartProps {
  'data-scope': 'form'
  'data-part': string
}

/** Props of the `<form>` element. */
export interface FormRootProps extends FormPartProps {
  id: string
  noValidate: true
  'aria-labelledby'?: string
  'aria-busy'?: 'true'
  dir?: 'ltr' | 'rtl'
  'data-status': FormState['status']
  onSubmit: (event?: { preventDefault?: () => void }) => void
}

/** What every native control (input, textarea, select, combobox) carries. */
export interface FormControlProps extends FormPartProps {
  id: string
  name: string
  'aria-invalid'?: 'true'
  'aria-describedby'?: string
  'aria-required'?: 'true'
  readOnly?: true
  'data-invalid'?: ''
  onBlur: () => void
}

/** A change event, reduced to what the form reads from it. */
export interface FormChangeEvent {
  target: { value: string; checked?: boolean }
}

/** Props of a native `<input>` or `<textarea>` bound to a field (for views without controls). */
export interface FormInputProps extends FormControlProps {
  /** For `<input>` only. */
  type?: 'text' | 'email' | 'url' | 'number' | 'date' | 'checkbox'
  value?: string
  checked?: boolean
  placeholder?: string
  onChange: (event: FormChangeEvent) => void
}

/** Props of a field's wrapper. */
export interface FormFieldProps extends FormPartProps {
  id: string
  'data-type': string
  'data-control': ControlKind
  'data-invalid'?: ''
}

/** Props of a `<fieldset>` holding a nested object or an array. */
export interface FormGroupProps extends FormPartProps {
  id: string
  tabIndex: -1
  'aria-describedby'?: string
  'data-invalid'?: ''
}

/** Props of a button. */
export interface FormButtonProps extends FormPartProps {
  type: 'button' | 'submit' | 'reset'
  'aria-label'?: string
  disabled?: boolean
  onClick?: () => void
}

/** Props of a link in the error summary: to the field, moving focus there. */
export interface FormErrorLinkProps extends FormPartProps {
  href: string
  onClick: (event?: { preventDefault?: () => void }) => void
}

/** The remote change shown in the banner. */
export interface FormRemoteInfo {
  message: string
  by: readonly string[]
}

/** One entry of the error summary. */
export interface FormSummaryItem {
  path: string
  label: string
  message: string
}

/** The texts a view shows, from the messages and the state. */
export interface FormTexts {
  /** The submit button's text ('Create', 'Save', 'Saving…'). */
  submit: string
  /** The live status ('Saving…', 'Saved', 'Please fix the errors below.' or ''). */
  status: string
  /** A failed save ('Could not save: …'), or `null`. */
  failure: string | null
  /** The error summary's heading, or `null` when it is not shown. */
  errorSummary: string | null
}

/** What a view needs: the state, derived info, actions and prop getters for every part. */
export interface FormApi {
  state: FormState
  messages: FormMessages
  /** The top-level fields, in order. */
  fields: readonly FieldDefinition[]
  /** The changes a save would write. */
  changes: FieldChange[]
  dirty: boolean
  /** Validator errors about the form as a whole. */
  formErrors: string[]
  /** The errors listed by the summary after a failed submit (empty otherwise). */
  errorSummary: FormSummaryItem[]
  /** The id of the control focus goes to when `state.focusRequest` changes, or `null`. */
  focusTargetId: string | null
  /** The id of the first invalid control, or `null`. */
  firstInvalidId: string | null
  /** The remote change waiting for a decision, or `null`. */
  remote: FormRemoteInfo | null
  texts: FormTexts
  send: (event: FormEvent) => void
  setValue(path: string, value: unknown): void
  blur(path: string): void
  submit(): void
  reset(): void
  reload(): void
  keepMine(): void
  addItem(path: string, value?: unknown): void
  removeItem(path: string, index: number): void
  moveItem(path: string, from: number, to: number): void
  /** The field at a dotted path (array items get the array's label). */
  fieldAt(path: string): FieldDefinition | undefined
  valueAt(path: string): unknown
  errorAt(path: string): string | null
  /** The id of the control at a path. */
  getControlId(path: string): string
  /** The control a field is shown with. */
  getControlKind(path: string): ControlKind
  /** The props of a field's Material 3 control (`label` replaces the field's own). */
  getFieldControl(path: string, label?: string): FieldControlBinding
  getRootProps(): FormRootProps
  getTitleProps(): FormPartProps & { id: string }
  getFieldProps(path: string): FormFieldProps
  getLabelProps(path: string): FormPartProps & { id: string; htmlFor: string }
  getRequiredProps(): FormPartProps & { 'aria-hidden': 'true' }
  getControlProps(path: string): FormControlProps
  getInputProps(path: string): FormInputProps
  getEnumOptions(path: string): { value: string; label: string }[]
  getDescriptionProps(path: string): FormPartProps & { id: string }
  getErrorProps(path: string): FormPartProps & { id: string }
  getGroupProps(path: string): FormGroupProps
  getLegendProps(path: string): FormPartProps & { id: string }
  getItemsProps(path: string): FormPartProps
  getItemProps(path: string, index: number): FormPartProps
  getItemActionsProps(path: string, index: number): FormPartProps
  getAddItemProps(path: string): FormButtonProps
  getRemoveItemProps(path: string, index: number): FormButtonProps
  getMoveItemProps(path: string, index: number, direction: 'up' | 'down'): FormButtonProps
  getActionsProps(): FormPartProps
  getSubmitProps(): FormButtonProps
  getResetProps(): FormButtonProps
  getCancelProps(): FormButtonProps
  getStatusProps(): FormPartProps & { role: 'status'; 'aria-live': 'polite' }
  getLoadingProps(): FormPartProps & { role: 'status' }
  getAlertProps(): FormPartProps & { role: 'alert' }
  getErrorSummaryProps(): FormPartProps & { 'aria-labelledby': string; hidden: boolean }
  getErrorSummaryTitleProps(): FormPartProps & { id: string }
  getErrorLinkProps(path: string): FormErrorLinkProps
  getEditorsProps(editors: readonly string[]): FormPartProps & { role: 'status'; hidden: boolean }
  /** The text of the other-editors line ('Ada is also editing this document.'), or ''. */
  getEditorsText(editors: readonly string[]): string
  getBannerProps(): FormPartProps & { role: 'alert' }
  getBannerActionsProps(): FormPartProps
  getReloadProps(): FormButtonProps
  getKeepMineProps(): FormButtonProps
}
