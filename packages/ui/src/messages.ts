// Every word @metal/ui shows or announces, in one object an app can translate: a section per
// component, each with English defaults. A component's own `messages` prop wins over the app's.

import {
  DEFAULT_COLLECTION_PAGE_MESSAGES,
  type CollectionPageMessages,
} from './collection-page/collectionPage.model.js'
import {
  DEFAULT_DATA_TABLE_MESSAGES,
  type DataTableMessages,
} from './data-table/dataTable.connect.js'
import { DEFAULT_CHIPS_MESSAGES } from './controls/chips/chips.connect.js'
import type { ChipsMessages } from './controls/chips/chips.types.js'
import { DEFAULT_DATE_FIELD_MESSAGES } from './controls/date-field/dateField.connect.js'
import type { DateFieldMessages } from './controls/date-field/dateField.types.js'
import { DEFAULT_SELECT_MESSAGES } from './controls/select/select.connect.js'
import type { SelectMessages } from './controls/select/select.types.js'
import { DEFAULT_TEXT_FIELD_MESSAGES } from './controls/text-field/field.connect.js'
import type { TextFieldMessages } from './controls/text-field/textField.types.js'
import { DEFAULT_DIALOG_MESSAGES } from './controls/dialog/dialog.connect.js'
import type { DialogMessages } from './controls/dialog/dialog.types.js'
import { DEFAULT_FORM_MESSAGES } from './form/form.messages.js'
import type { FormMessages } from './form/form.types.js'
import { invalid } from './invalid.js'
import { DEFAULT_PAGINATION_MESSAGES } from './pagination/pagination.connect.js'
import type { PaginationMessages } from './pagination/pagination.types.js'

/** The words of every component, by component. */
export interface UiMessages {
  pagination: PaginationMessages
  dataTable: DataTableMessages
  form: FormMessages
  collectionPage: CollectionPageMessages
  dialog: DialogMessages
  textField: TextFieldMessages
  select: SelectMessages
  chips: ChipsMessages
  dateField: DateFieldMessages
}

/** Translations for some words of some components; the rest stay English. */
export type UiMessagesInput = { [K in keyof UiMessages]?: Partial<UiMessages[K]> }

/** The English words of every component. */
export const DEFAULT_UI_MESSAGES: UiMessages = {
  pagination: DEFAULT_PAGINATION_MESSAGES,
  dataTable: DEFAULT_DATA_TABLE_MESSAGES,
  form: DEFAULT_FORM_MESSAGES,
  collectionPage: DEFAULT_COLLECTION_PAGE_MESSAGES,
  dialog: DEFAULT_DIALOG_MESSAGES,
  textField: DEFAULT_TEXT_FIELD_MESSAGES,
  select: DEFAULT_SELECT_MESSAGES,
  chips: DEFAULT_CHIPS_MESSAGES,
  dateField: DEFAULT_DATE_FIELD_MESSAGES,
}

/**
 * Lays translations over a complete set of messages (the English defaults unless given).
 * Unknown sections are refused: a typo would otherwise leave the words untranslated silently.
 *
 * @param input - sections with the words to replace, e.g. `{ pagination: { nextPage: 'Weiter' } }`
 * @param base - the messages to start from
 */
export function mergeUiMessages(
  input: UiMessagesInput | undefined,
  base: UiMessages = DEFAULT_UI_MESSAGES,
): UiMessages {
  if (input === undefined) return base
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('mergeUiMessages()', 'messages', 'an object of sections', input)
  }
  const merged: Record<string, unknown> = { ...base }
  for (const [section, words] of Object.entries(input)) {
    if (!(section in base)) {
      throw invalid(
        'mergeUiMessages()',
        'messages',
        `sections among ${Object.keys(base).join(', ')}`,
        section,
      )
    }
    if (words === undefined) continue
    if (typeof words !== 'object' || words === null || Array.isArray(words)) {
      throw invalid('mergeUiMessages()', `messages.${section}`, 'an object of words', words)
    }
    merged[section] = { ...(base as unknown as Record<string, object>)[section], ...words }
  }
  return merged as unknown as UiMessages
}
