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
// ─── Controls: checkbox, switch, radio group, dialog, tooltip, chips (vue-controls-a) ──────────
export { Checkbox } from './controls/Checkbox.js'
export type { CheckboxProps } from './controls/Checkbox.js'
export { Switch } from './controls/Switch.js'
export type { SwitchProps } from './controls/Switch.js'
export { Tooltip } from './controls/Tooltip.js'
export type { TooltipProps } from './controls/Tooltip.js'
export { RadioGroup } from './controls/RadioGroup.js'
export type { RadioGroupProps, RadioGroupSlots } from './controls/RadioGroup.js'
export { Chip } from './controls/Chip.js'
export type { ChipProps } from './controls/Chip.js'
export { ChipInput } from './controls/ChipInput.js'
export type { ChipInputProps, ChipInputSlots } from './controls/ChipInput.js'
export { Dialog } from './controls/Dialog.js'
export type { DialogProps, DialogSlots, DialogSlotProps } from './controls/Dialog.js'
export { ConfirmDialog } from './controls/ConfirmDialog.js'
export type { ConfirmDialogProps, ConfirmDialogSlots } from './controls/ConfirmDialog.js'
// (end of vue-controls-a)

// ─── Controls: popover, text field, select, menu, date field (vue-controls-b) ──────────────────
export { useAnchoredPopover } from './controls/useAnchoredPopover.js'
export type { UseAnchoredPopoverOptions } from './controls/useAnchoredPopover.js'
export { Popover } from './controls/Popover.js'
export type { PopoverProps, PopoverInitialFocus } from './controls/Popover.js'
export { FieldFrame } from './controls/FieldFrame.js'
export type { FieldFrameProps, FieldFrameSlots } from './controls/FieldFrame.js'
export { TextField } from './controls/TextField.js'
export type { TextFieldProps, TextFieldSlots } from './controls/TextField.js'
export { Select } from './controls/Select.js'
export type { SelectProps, SelectSlots } from './controls/Select.js'
export { Menu } from './controls/Menu.js'
export type { MenuProps, MenuSlots, MenuTriggerSlotProps } from './controls/Menu.js'
export { DateField } from './controls/DateField.js'
export type { DateFieldProps, DateFieldSlots } from './controls/DateField.js'
export type { MenuItem } from '../controls/menu/menu.types.js'
export type { SelectOption } from '../controls/select/select.types.js'
// (end of vue-controls-b)

// ─── DataTable (vue-datatable) ───────────────────────────────────────────────────────────────────
export { DataTable, type DataTableComponent } from './data-table/DataTable.js'
export type {
  DataTableProps,
  DataTableEmits,
  DataTableSlots,
  DataTableToolbarContext,
} from './data-table/DataTable.types.js'
export type { DataTableCellContext } from './data-table/DataTableRow.js'
export { useDataTableState } from './data-table/useDataTableState.js'
export type {
  UseDataTableStateOptions,
  UseDataTableStateReturn,
} from './data-table/useDataTableState.js'
export { useDataTableCsvExport } from './data-table/useDataTableCsvExport.js'
export type {
  CsvExportControl,
  DataTableCsvExportOptions,
} from './data-table/useDataTableCsvExport.js'
export { downloadDataTableCsv } from '../data-table/dataTable.csvExport.js'
// (end of vue-datatable)

// ─── Pagination and Form (vue-form-pagination) ──────────────────────────────────────────────────
export { Pagination } from './pagination/Pagination.js'
export type { PaginationProps, PaginationFocusTarget } from './pagination/Pagination.js'
export { usePagination } from './pagination/usePagination.js'
export type { UsePaginationOptions } from './pagination/usePagination.js'
export { Form } from './form/Form.js'
export type { FormProps, FormSlots, FormSubmitInfo, FormPresenceOptions } from './form/Form.js'
export { FormField } from './form/FormField.js'
export type { FormFieldProps } from './form/FormField.js'
export { RelationField } from './form/RelationField.js'
export { useForm } from './form/useForm.js'
export type { UseFormOptions, UseFormResult, UseFormReturn, FormSaveInfo } from './form/useForm.js'
// (end of vue-form-pagination)
