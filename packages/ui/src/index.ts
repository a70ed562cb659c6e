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
export * from './controls/index.js'

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
export { saveFormDocument, getUpdatePayload, saveFormAndSubmit } from './form/form.save.js'
export type {
  FormWriter,
  SaveFormDocumentOptions,
  SaveFormAndSubmitOptions,
} from './form/form.save.js'
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
