import type { FormMessages } from './form.types.js'

const count = (n: number, items: boolean) =>
  `${n} ${items ? (n === 1 ? 'item' : 'items') : n === 1 ? 'character' : 'characters'}`

const list = (names: readonly string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`

/** The default English messages of a form. */
export const DEFAULT_FORM_MESSAGES: FormMessages = {
  required: (label) => `${label} is required`,
  number: (label) => `${label} must be a number`,
  date: (label) => `${label} must be a date`,
  min: (label, min) => `${label} must be at least ${min}`,
  max: (label, max) => `${label} must be at most ${max}`,
  minLength: (label, n, items) => `${label} must have at least ${count(n, items)}`,
  maxLength: (label, n, items) => `${label} must have at most ${count(n, items)}`,
  pattern: (label) => `${label} is not in the expected format`,
  email: (label) => `${label} must be an e-mail address`,
  url: (label) => `${label} must be a URL`,
  enum: (label) => `${label} must be one of the choices`,
  create: 'Create',
  save: 'Save',
  submitting: 'Saving…',
  success: 'Saved',
  failure: (message) => `Could not save: ${message}`,
  invalid: 'Please fix the errors below.',
  loading: 'Loading…',
  remoteChanged: (by) =>
    by.length === 0
      ? 'This document was changed by someone else while you were editing it.'
      : `${list(by)} changed this document while you were editing it.`,
  othersEditing: (names) =>
    `${list(names)} ${names.length === 1 ? 'is' : 'are'} also editing this document.`,
  reload: 'Reload',
  keepMine: 'Keep mine',
  addItem: (label) => `Add ${label}`,
  removeItem: (label, n) => `Remove ${label} ${n}`,
  moveUp: (label, n) => `Move ${label} ${n} up`,
  moveDown: (label, n) => `Move ${label} ${n} down`,
  choose: 'Select…',
  noMatches: 'No matches',
  yes: 'Yes',
  no: 'No',
  cancel: 'Cancel',
  reset: 'Reset',
  add: 'Add',
  remove: 'Remove',
  errorSummary: (n) => (n === 1 ? '1 field needs attention' : `${n} fields need attention`),
  loadingOptions: 'Loading…',
  clear: (label) => `Clear ${label}`,
  showOptions: (label) => `Show ${label} choices`,
}
