export {
  initPagination,
  paginate,
  getPageCount,
  getPageItems,
  getPaginationInfo,
  formatPaginationRange,
  DEFAULT_PAGE_SIZE,
  DEFAULT_PAGE_SIZE_OPTIONS,
} from './pagination/pagination.model.js'
export { connectPagination, DEFAULT_PAGINATION_MESSAGES } from './pagination/pagination.connect.js'
export type {
  PaginationApi,
  PaginationConnectOptions,
  PaginationEllipsisProps,
  PaginationPageSizeTriggerProps,
  PaginationRangeProps,
  PaginationRootProps,
  PaginationTriggerProps,
} from './pagination/pagination.connect.js'
export type {
  PaginationEvent,
  PaginationInfo,
  PaginationItem,
  PaginationMessages,
  PaginationMode,
  PaginationOptions,
  PaginationRange,
  PaginationState,
} from './pagination/pagination.types.js'
export { createTheme, COLOR_ROLES } from './tokens/createTheme.js'
export type {
  CreateThemeOptions,
  MetalTheme,
  ThemeVariables,
  ThemeVariant,
} from './tokens/createTheme.js'
export { initDataTable, updateDataTable } from './data-table/dataTable.model.js'
export {
  getVisibleColumns,
  getGridColumnIds,
  getColumnWidth,
  parseDataTableLayout,
  isDataTableDensity,
  SELECT_COLUMN_ID,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_MIN_COLUMN_WIDTH,
} from './data-table/dataTable.columns.js'
export { cellKey, resolveEdit } from './data-table/dataTable.editing.js'
export {
  isRowSelected,
  getSelectedCount,
  getPageSelection,
} from './data-table/dataTable.selection.js'
export { getAriaSort } from './data-table/dataTable.sorting.js'
export { connectDataTable, DEFAULT_DATA_TABLE_MESSAGES } from './data-table/dataTable.connect.js'
export type {
  DataTableApi,
  DataTableConnectOptions,
  DataTableKeyboardEvent,
  DataTableMessages,
} from './data-table/dataTable.connect.js'
export { getMatchingRows, getPageRows, matchesSearch } from './data-table/dataTable.rows.js'
export {
  applyDataTableQuery,
  dataTableQuery,
  getDataTableFilters,
} from './data-table/dataTable.query.js'
export type { DataTableBaseQuery, DataTableQueryOptions } from './data-table/dataTable.query.js'
export {
  getFieldValue,
  getCellValue,
  formatCellValue,
  parseDraft,
} from './data-table/dataTable.values.js'
export type {
  DataTableColumn,
  DataTableColumnType,
  DataTableEnumOption,
  DataTableRow,
  ResolvedColumn,
  DataTableSort,
  DataTableFilter,
  DataTableSelection,
  DataTableLayout,
  DataTableLayoutInput,
  DataTableDensity,
  DataTablePinning,
  DataTableFocus,
  DataTableEditing,
  DataTableOptions,
  DataTableState,
  DataTableKeyInput,
  DataTableEvent,
} from './data-table/dataTable.types.js'
export {
  initForm,
  transitionForm,
  fieldAt,
  getFieldPaths,
  getFieldError,
  getFirstInvalidPath,
  getFormErrors,
} from './form/form.model.js'
export {
  getChanges,
  isDirty,
  toDocument,
  defaultValues,
  defaultValueOf,
  valuesFromDocument,
} from './form/form.values.js'
export { connectForm } from './form/form.connect.js'
export type {
  FormApi,
  FormConnectOptions,
  FormPartProps,
  FormRootProps,
  FormControlProps,
  FormInputProps,
  FormChangeEvent,
  FormGroupProps,
  FormButtonProps,
  FormRemoteInfo,
} from './form/form.connect.js'
export { DEFAULT_FORM_MESSAGES } from './form/form.messages.js'
export {
  checkEntity,
  validateField,
  validateValues,
  validateStandard,
  isStandardSchema,
  isEmpty,
} from './form/validate.js'
export type { StandardSchema, StandardSchemaIssue, StandardSchemaResult } from './form/validate.js'
export type {
  CustomRule,
  EntityDefinition,
  EnumOption,
  FieldChange,
  FieldDefinition,
  FieldRules,
  FieldType,
  FormErrors,
  FormEvent,
  FormMessages,
  FormOptions,
  FormState,
  FormStatus,
  FormValues,
  RelationDefinition,
  RemoteChange,
} from './form/form.types.js'
export {
  dataTableCsv,
  dataTableCsvBlob,
  toCsvField,
  toCsvRecord,
  DEFAULT_CSV_PAGE_SIZE,
} from './data-table/dataTable.csv.js'
export type { DataTableCsvOptions, DataTableCsvSource } from './data-table/dataTable.csv.js'
export { getScrollAnchor, getAnchoredScroll } from './data-table/dataTable.scroll.js'
export type { DataTableScrollAnchor } from './data-table/dataTable.scroll.js'
export { getSelectedRowIds } from './data-table/dataTable.selectedIds.js'
export {
  avatarTone,
  checkCollectionPageProps,
  DEFAULT_COLLECTION_PAGE_MESSAGES,
  getBulkOptions,
  hasPendingWrites,
  initialsOf,
} from './collection-page/collectionPage.model.js'
export type {
  CollectionPageBulkAction,
  CollectionPageCheckedProps,
  CollectionPageFieldAction,
  CollectionPageMessages,
  CollectionPageRunAction,
} from './collection-page/collectionPage.model.js'
export { checkTimestamps, stampCreated, stampUpdated } from './timestamps.js'
export type { WriteTimestamps } from './timestamps.js'
export { identityProps } from './normalizeProps.js'
export type { NormalizeProps } from './normalizeProps.js'
export { ICONS, DIRECTIONAL_ICONS, isIconName } from './icons/icons.js'
export type { IconName } from './icons/icons.js'
export { DEFAULT_UI_MESSAGES, mergeUiMessages } from './messages.js'
export type { UiMessages, UiMessagesInput } from './messages.js'
// ─── Controls: buttons, selection, progress, dialogs ───────────────────────────────────────────
export { connectButton, checkButtonVariant } from './controls/button/button.connect.js'
export type {
  ButtonApi,
  ButtonConnectOptions,
  ButtonIconProps,
  ButtonRootProps,
} from './controls/button/button.connect.js'
export { BUTTON_VARIANTS } from './controls/button/button.types.js'
export type { ButtonOptions, ButtonVariant } from './controls/button/button.types.js'
export { connectIconButton } from './controls/icon-button/iconButton.connect.js'
export type {
  IconButtonApi,
  IconButtonConnectOptions,
  IconButtonRootProps,
} from './controls/icon-button/iconButton.connect.js'
export { ICON_BUTTON_VARIANTS } from './controls/icon-button/iconButton.types.js'
export type {
  IconButtonOptions,
  IconButtonSize,
  IconButtonVariant,
} from './controls/icon-button/iconButton.types.js'
export {
  initCheckbox,
  getCheckedState,
  updateCheckbox,
} from './controls/checkbox/checkbox.model.js'
export { connectCheckbox } from './controls/checkbox/checkbox.connect.js'
export type {
  CheckboxApi,
  CheckboxConnectOptions,
  CheckboxInputProps,
} from './controls/checkbox/checkbox.connect.js'
export type {
  CheckboxCheckedState,
  CheckboxEvent,
  CheckboxState,
} from './controls/checkbox/checkbox.types.js'
export { connectDialog, DEFAULT_DIALOG_MESSAGES } from './controls/dialog/dialog.connect.js'
export type {
  DialogApi,
  DialogConnectOptions,
  DialogRootProps,
} from './controls/dialog/dialog.connect.js'
export type {
  DialogCloseReason,
  DialogMessages,
  DialogOptions,
  DialogRole,
} from './controls/dialog/dialog.types.js'
export { initSwitch, updateSwitch } from './controls/switch/switch.model.js'
export type { SwitchEvent, SwitchState } from './controls/switch/switch.model.js'
export { connectSwitch } from './controls/switch/switch.connect.js'
export type {
  SwitchApi,
  SwitchConnectOptions,
  SwitchInputProps,
} from './controls/switch/switch.connect.js'
export {
  initRadioGroup,
  getRadioMove,
  getRadioTabStop,
  updateRadioGroup,
} from './controls/radio/radio.model.js'
export { connectRadioGroup } from './controls/radio/radio.connect.js'
export type {
  RadioGroupApi,
  RadioGroupConnectOptions,
  RadioInputProps,
  RadioKeyEvent,
} from './controls/radio/radio.connect.js'
export type {
  RadioGroupEvent,
  RadioGroupState,
  RadioMoveKey,
  RadioOption,
} from './controls/radio/radio.types.js'
export { connectProgress } from './controls/progress/progress.connect.js'
export type {
  ProgressApi,
  ProgressConnectOptions,
  ProgressOptions,
  ProgressRootProps,
} from './controls/progress/progress.connect.js'
// ─── Controls: popover, text field, select, menu ───────────────────────────────────────────────
export { initPopover, updatePopover } from './popover/popover.model.js'
export { connectPopover, DEFAULT_POPOVER_MESSAGES } from './popover/popover.connect.js'
export type {
  PopoverApi,
  PopoverConnectOptions,
  PopoverContentProps,
  PopoverPartProps,
  PopoverTriggerProps,
} from './popover/popover.connect.js'
export { openPopover, getFocusables, preloadPopover } from './popover/popover.service.js'
export type { OpenPopoverOptions, PopoverHandle } from './popover/popover.service.js'
export type {
  PopoverCloseReason,
  PopoverEvent,
  PopoverMessages,
  PopoverPlacement,
  PopoverState,
} from './popover/popover.types.js'
export {
  initTextField,
  updateTextField,
  isLabelFloating,
} from './controls/text-field/textField.model.js'
export { connectTextField, fitTextarea } from './controls/text-field/textField.connect.js'
export type {
  TextFieldApi,
  TextFieldConnectOptions,
  TextFieldInputProps,
} from './controls/text-field/textField.connect.js'
export {
  connectFieldFrame,
  DEFAULT_TEXT_FIELD_MESSAGES,
} from './controls/text-field/field.connect.js'
export type {
  FieldFrameApi,
  FieldFrameOptions,
  FieldLabelProps,
  FieldPartProps,
  FieldRootProps,
} from './controls/text-field/field.connect.js'
export type {
  TextFieldEvent,
  TextFieldMessages,
  TextFieldState,
  TextFieldType,
  TextFieldVariant,
} from './controls/text-field/textField.types.js'
export {
  initSelect,
  updateSelect,
  indexOfValue,
  checkSelectOptions,
} from './controls/select/select.model.js'
export { connectSelect, DEFAULT_SELECT_MESSAGES } from './controls/select/select.connect.js'
export type {
  SelectApi,
  SelectConnectOptions,
  SelectKeyEvent,
  SelectListboxProps,
  SelectOptionProps,
  SelectTriggerProps,
} from './controls/select/select.connect.js'
export type {
  SelectEvent,
  SelectMessages,
  SelectOption,
  SelectState,
} from './controls/select/select.types.js'
export {
  firstEnabled,
  lastEnabled,
  moveIndex,
  typeahead,
  isTypeaheadKey,
  EMPTY_TYPEAHEAD,
  TYPEAHEAD_TIMEOUT,
} from './controls/select/listNavigation.js'
export type { NavigableItem, TypeaheadState } from './controls/select/listNavigation.js'
export { initMenu, updateMenu, isMenuDivider, checkMenuItems } from './controls/menu/menu.model.js'
export { connectMenu } from './controls/menu/menu.connect.js'
export type {
  MenuApi,
  MenuConnectOptions,
  MenuContentProps,
  MenuItemProps,
  MenuKeyEvent,
  MenuTriggerProps,
} from './controls/menu/menu.connect.js'
export type {
  MenuActionItem,
  MenuDivider,
  MenuEvent,
  MenuItem,
  MenuState,
} from './controls/menu/menu.types.js'
// ─── Controls: chips ─────────────────────────────────────────────────────────────────────────────
export {
  initChipInput,
  updateChipInput,
  addChipValue,
  removeChipValue,
  splitChipText,
  checkChipValues,
} from './controls/chips/chips.model.js'
export {
  connectChip,
  connectChipInput,
  DEFAULT_CHIPS_MESSAGES,
} from './controls/chips/chips.connect.js'
export type {
  ChipApi,
  ChipConnectOptions,
  ChipInputApi,
  ChipInputConnectOptions,
  ChipInputKeyEvent,
} from './controls/chips/chips.connect.js'
export type {
  ChipAddRefusal,
  ChipInputEvent,
  ChipInputState,
  ChipsMessages,
} from './controls/chips/chips.types.js'
// ─── Controls: date field ────────────────────────────────────────────────────────────────────────
export {
  addDays,
  addMonths,
  clampDate,
  dayOfWeek,
  daysInMonth,
  endOfWeek,
  formatDateInput,
  formatDateLong,
  formatDayNumber,
  formatMonthYear,
  getDateOrder,
  getDatePattern,
  getFirstDayOfWeek,
  getMonthGrid,
  getWeekdayNames,
  isIsoDate,
  isWithin,
  parseDateInput,
  parseIsoDate,
  startOfWeek,
  toIsoDate,
  todayIso,
} from './controls/date-field/calendar.js'
export type { DateParts, Weekday } from './controls/date-field/calendar.js'
export { initDateField, updateDateField } from './controls/date-field/dateField.model.js'
export {
  connectDateField,
  DEFAULT_DATE_FIELD_MESSAGES,
} from './controls/date-field/dateField.connect.js'
export type {
  CalendarCell,
  DateFieldApi,
  DateFieldConnectOptions,
  DateFieldKeyEvent,
} from './controls/date-field/dateField.connect.js'
export type {
  DateFieldError,
  DateFieldEvent,
  DateFieldMessages,
  DateFieldState,
} from './controls/date-field/dateField.types.js'
// ─── Controls: tooltip ───────────────────────────────────────────────────────────────────────────
export {
  initTooltip,
  updateTooltip,
  TOOLTIP_SHOW_DELAY,
  TOOLTIP_HIDE_DELAY,
} from './controls/tooltip/tooltip.model.js'
export { connectTooltip } from './controls/tooltip/tooltip.connect.js'
export type {
  TooltipApi,
  TooltipConnectOptions,
  TooltipContentProps,
  TooltipTriggerProps,
} from './controls/tooltip/tooltip.connect.js'
export type { TooltipEvent, TooltipState } from './controls/tooltip/tooltip.types.js'

// ─── Form: controls, services, relation combobox ──────────────────────────────────────────────
export { getFocusPath } from './form/form.model.js'
export { toStoredValue } from './form/form.values.js'
export { getControlKind, getEnumOptions, MAX_RADIO_OPTIONS } from './form/form.controls.js'
export type {
  FieldControlBinding,
  TextBinding,
  ChoiceBinding,
  ToggleBinding,
  ChipsBinding,
  DateBinding,
  RelationBinding,
  GroupBinding,
} from './form/form.controls.js'
export type {
  FormFieldProps,
  FormErrorLinkProps,
  FormSummaryItem,
  FormTexts,
} from './form/form.parts.js'
export { submitForm, getSaveInfo } from './form/form.submit.js'
export type { FormSaveInfo, SubmitFormOptions, SubmitOutcome } from './form/form.submit.js'
export { saveFormDocument, getUpdatePayload } from './form/form.save.js'
export type { FormWriter, SaveFormDocumentOptions } from './form/form.save.js'
export { getEditingKey, getEditingTrack, getEditors } from './form/form.presence.js'
export type { EditingTrackOptions, FormPresenceMember } from './form/form.presence.js'
export { focusFormControl } from './form/focusControl.js'
export {
  initRelationCombobox,
  transitionRelationCombobox,
  getActiveOption,
  buildRelationQuery,
  relationLabel,
} from './form/relationCombobox.model.js'
export type {
  RelationOption,
  RelationComboboxState,
  RelationComboboxEvent,
} from './form/relationCombobox.model.js'
export { connectRelationCombobox } from './form/relationCombobox.connect.js'
export type {
  RelationComboboxApi,
  RelationComboboxConnectOptions,
  RelationInputProps,
  RelationOptionProps,
} from './form/relationCombobox.connect.js'
export type { ControlKind, FieldWidget } from './form/form.types.js'
// ─── Data table: parts, keyboard, column menu, store and services ───
export {
  createDataTableHandlers,
  getDataTableCellErrorProps,
  getDataTableCellId,
  getDataTableCellProps,
  getDataTableCellStyle,
  getDataTableCheckboxProps,
  getDataTableEditorProps,
  getDataTableRowCheckboxProps,
  getDataTableRowProps,
} from './data-table/dataTable.parts.js'
export type {
  DataTableCellInput,
  DataTablePartHandlers,
  DataTablePinnedCell,
  DataTableRowInput,
} from './data-table/dataTable.parts.js'
export type { DataTablePlacement } from './data-table/dataTable.connect.js'
export { resolveDataTableMessages } from './data-table/dataTable.messages.js'
export { dataTableKeyEvents, isDataTableKey } from './data-table/dataTable.keyboard.js'
export { getColumnMenuItems } from './data-table/dataTable.columnMenu.js'
export type { DataTableColumnMenuItem } from './data-table/dataTable.columnMenu.js'
export { getGridColumns, getOrderedColumns } from './data-table/dataTable.columns.js'
export type { DataTableGridColumn } from './data-table/dataTable.columns.js'
export {
  DATA_TABLE_MAX_FITTED_ROWS,
  DATA_TABLE_ROW_HEIGHTS,
  getDataTableHeight,
  getDataTableRowHeight,
} from './data-table/dataTable.density.js'
export {
  createDataTableStore,
  readDataTableLayout,
  writeDataTableLayout,
} from './data-table/dataTable.store.js'
export type {
  DataTableLayoutStorage,
  DataTableStore,
  DataTableStoreOptions,
} from './data-table/dataTable.store.js'
export { getCursorPagesStep } from './data-table/dataTable.cursorPages.js'
export type { DataTableCursorPagesStatus } from './data-table/dataTable.cursorPages.js'
export { commitDataTableEdit } from './data-table/dataTable.editing.js'
export type { DataTableWrite } from './data-table/dataTable.editing.js'
export { createDataTableCsvExport, downloadDataTableCsv } from './data-table/dataTable.csvExport.js'
export type {
  DataTableCsvExportInput,
  DataTableCsvExportOptions,
  DataTableCsvExportStatus,
} from './data-table/dataTable.csvExport.js'
export type { DataTablePanel } from './data-table/dataTable.types.js'
