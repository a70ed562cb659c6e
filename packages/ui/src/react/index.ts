export { Pagination } from './pagination/Pagination.js'
export type { PaginationProps } from './pagination/Pagination.js'
export { usePagination } from './pagination/usePagination.js'
export type { UsePaginationProps } from './pagination/usePagination.js'
export { DataTable } from './data-table/DataTable.js'
export type {
  DataTableProps,
  DataTableBaseProps,
  BoundDataTableProps,
  UnboundDataTableProps,
  DataTableToolbarContext,
} from './data-table/DataTable.js'
export type { DataTableCellContext, DataTableRenderCell } from './data-table/DataTableRow.js'
export { useDataTableState } from './data-table/useDataTable.js'
export type { UseDataTableStateProps } from './data-table/useDataTable.js'
export { Form } from './form/Form.js'
export type { FormProps, FormPresenceOptions, FormSubmitInfo } from './form/Form.js'
export { useForm } from './form/useForm.js'
export type { UseFormProps, UseFormResult, FormSaveInfo } from './form/useForm.js'
export { FormField } from './form/FormField.js'
export type { FormFieldProps } from './form/FormField.js'
export { downloadDataTableCsv, useDataTableCsvExport } from './data-table/useDataTableCsvExport.js'
export type {
  CsvExportControl,
  DataTableCsvExportOptions,
} from './data-table/useDataTableCsvExport.js'
export { CollectionPage } from './collection-page/CollectionPage.js'
export type { CollectionPageProps } from './collection-page/CollectionPage.js'
export type {
  CollectionPagePresence,
  CollectionPageMember,
} from './collection-page/useCollectionPresence.js'
export { identityProps as normalizeProps } from '../normalizeProps.js'
export { Icon } from './controls/Icon.js'
export type { IconProps } from './controls/Icon.js'
export { MetalUiProvider, useUiMessages, useUiDirection } from './provider/MetalUiProvider.js'
export type { MetalUiProviderProps, UiDirection } from './provider/MetalUiProvider.js'
// ─── Controls: buttons, selection, progress, dialogs ───────────────────────────────────────────
export { Button } from './controls/Button.js'
export type { ButtonProps } from './controls/Button.js'
export { IconButton } from './controls/IconButton.js'
export type { IconButtonProps } from './controls/IconButton.js'
export { Checkbox } from './controls/Checkbox.js'
export type { CheckboxProps } from './controls/Checkbox.js'
export { Dialog, ConfirmDialog } from './controls/Dialog.js'
export type { DialogProps, ConfirmDialogProps } from './controls/Dialog.js'
export { Switch } from './controls/Switch.js'
export type { SwitchProps } from './controls/Switch.js'
export { RadioGroup } from './controls/RadioGroup.js'
export type { RadioGroupProps } from './controls/RadioGroup.js'
export { LinearProgress, CircularProgress } from './controls/Progress.js'
export type { LinearProgressProps, CircularProgressProps } from './controls/Progress.js'
// ─── Controls: popover, text field, select, menu ───────────────────────────────────────────────
export { Popover, useAnchoredPopover } from './controls/Popover.js'
export type { PopoverProps, UseAnchoredPopoverOptions } from './controls/Popover.js'
export { TextField, FieldFrame } from './controls/TextField.js'
export type { TextFieldProps, FieldFrameProps } from './controls/TextField.js'
export { Select } from './controls/Select.js'
export type { SelectProps } from './controls/Select.js'
export { Menu } from './controls/Menu.js'
export type { MenuProps, MenuTriggerRenderProps } from './controls/Menu.js'
export type { MenuItem } from '../controls/menu/menu.types.js'
export type { SelectOption } from '../controls/select/select.types.js'
// ─── Controls: chips ─────────────────────────────────────────────────────────────────────────────
export { Chip } from './controls/Chip.js'
export type { ChipProps } from './controls/Chip.js'
export { ChipInput } from './controls/ChipInput.js'
export type { ChipInputProps } from './controls/ChipInput.js'
// ─── Controls: date field ────────────────────────────────────────────────────────────────────────
export { DateField } from './controls/DateField.js'
export type { DateFieldProps } from './controls/DateField.js'
// ─── Controls: tooltip ───────────────────────────────────────────────────────────────────────────
export { Tooltip } from './controls/Tooltip.js'
export type { TooltipProps } from './controls/Tooltip.js'
