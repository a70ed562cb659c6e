// The Material 3 controls' headless API: models, connect functions, their types and words, and
// the popover service they share. `@metal/ui` re-exports all of it.
// ─── Controls: buttons, selection, progress, dialogs ───────────────────────────────────────────
export { connectButton, checkButtonVariant } from './button/button.connect.js'
export type {
  ButtonApi,
  ButtonConnectOptions,
  ButtonIconProps,
  ButtonRootProps,
} from './button/button.connect.js'
export { BUTTON_VARIANTS } from './button/button.types.js'
export type { ButtonOptions, ButtonVariant } from './button/button.types.js'
export { connectIconButton } from './icon-button/iconButton.connect.js'
export type {
  IconButtonApi,
  IconButtonConnectOptions,
  IconButtonRootProps,
} from './icon-button/iconButton.connect.js'
export { ICON_BUTTON_VARIANTS } from './icon-button/iconButton.types.js'
export type {
  IconButtonOptions,
  IconButtonSize,
  IconButtonVariant,
} from './icon-button/iconButton.types.js'
export { initCheckbox, getCheckedState, updateCheckbox } from './checkbox/checkbox.model.js'
export { connectCheckbox } from './checkbox/checkbox.connect.js'
export type {
  CheckboxApi,
  CheckboxConnectOptions,
  CheckboxInputProps,
} from './checkbox/checkbox.connect.js'
export type {
  CheckboxCheckedState,
  CheckboxEvent,
  CheckboxState,
} from './checkbox/checkbox.types.js'
export { connectDialog, DEFAULT_DIALOG_MESSAGES } from './dialog/dialog.connect.js'
export type { DialogApi, DialogConnectOptions, DialogRootProps } from './dialog/dialog.connect.js'
export type {
  DialogCloseReason,
  DialogMessages,
  DialogOptions,
  DialogRole,
} from './dialog/dialog.types.js'
export { initSwitch, updateSwitch } from './switch/switch.model.js'
export type { SwitchEvent, SwitchState } from './switch/switch.model.js'
export { connectSwitch } from './switch/switch.connect.js'
export type { SwitchApi, SwitchConnectOptions, SwitchInputProps } from './switch/switch.connect.js'
export {
  initRadioGroup,
  getRadioMove,
  getRadioTabStop,
  updateRadioGroup,
} from './radio/radio.model.js'
export { connectRadioGroup } from './radio/radio.connect.js'
export type {
  RadioGroupApi,
  RadioGroupConnectOptions,
  RadioInputProps,
  RadioKeyEvent,
} from './radio/radio.connect.js'
export type {
  RadioGroupEvent,
  RadioGroupState,
  RadioMoveKey,
  RadioOption,
} from './radio/radio.types.js'
export { connectProgress } from './progress/progress.connect.js'
export type {
  ProgressApi,
  ProgressConnectOptions,
  ProgressOptions,
  ProgressRootProps,
} from './progress/progress.connect.js'
// ─── Controls: popover, text field, select, menu ───────────────────────────────────────────────
export { initPopover, updatePopover } from '../popover/popover.model.js'
export { connectPopover, DEFAULT_POPOVER_MESSAGES } from '../popover/popover.connect.js'
export type {
  PopoverApi,
  PopoverConnectOptions,
  PopoverContentProps,
  PopoverPartProps,
  PopoverTriggerProps,
} from '../popover/popover.connect.js'
export { openPopover, getFocusables, preloadPopover } from '../popover/popover.service.js'
export type { OpenPopoverOptions, PopoverHandle } from '../popover/popover.service.js'
export type {
  PopoverCloseReason,
  PopoverEvent,
  PopoverMessages,
  PopoverPlacement,
  PopoverState,
} from '../popover/popover.types.js'
export { initTextField, updateTextField, isLabelFloating } from './text-field/textField.model.js'
export { connectTextField, fitTextarea } from './text-field/textField.connect.js'
export type {
  TextFieldApi,
  TextFieldConnectOptions,
  TextFieldInputProps,
} from './text-field/textField.connect.js'
export { connectFieldFrame, DEFAULT_TEXT_FIELD_MESSAGES } from './text-field/field.connect.js'
export type {
  FieldFrameApi,
  FieldFrameOptions,
  FieldLabelProps,
  FieldPartProps,
  FieldRootProps,
} from './text-field/field.connect.js'
export type {
  TextFieldEvent,
  TextFieldMessages,
  TextFieldState,
  TextFieldType,
  TextFieldVariant,
} from './text-field/textField.types.js'
export {
  initSelect,
  updateSelect,
  indexOfValue,
  checkSelectOptions,
} from './select/select.model.js'
export { connectSelect, DEFAULT_SELECT_MESSAGES } from './select/select.connect.js'
export type {
  SelectApi,
  SelectConnectOptions,
  SelectKeyEvent,
  SelectListboxProps,
  SelectOptionProps,
  SelectTriggerProps,
} from './select/select.connect.js'
export type {
  SelectEvent,
  SelectMessages,
  SelectOption,
  SelectState,
} from './select/select.types.js'
export {
  firstEnabled,
  lastEnabled,
  moveIndex,
  typeahead,
  isTypeaheadKey,
  EMPTY_TYPEAHEAD,
  TYPEAHEAD_TIMEOUT,
} from './select/listNavigation.js'
export type { NavigableItem, TypeaheadState } from './select/listNavigation.js'
export { initMenu, updateMenu, isMenuDivider, checkMenuItems } from './menu/menu.model.js'
export { connectMenu } from './menu/menu.connect.js'
export type {
  MenuApi,
  MenuConnectOptions,
  MenuContentProps,
  MenuItemProps,
  MenuKeyEvent,
  MenuTriggerProps,
} from './menu/menu.connect.js'
export type {
  MenuActionItem,
  MenuDivider,
  MenuEvent,
  MenuItem,
  MenuState,
} from './menu/menu.types.js'
// ─── Controls: chips ─────────────────────────────────────────────────────────────────────────────
export {
  initChipInput,
  updateChipInput,
  addChipValue,
  removeChipValue,
  splitChipText,
  checkChipValues,
} from './chips/chips.model.js'
export { connectChip, connectChipInput, DEFAULT_CHIPS_MESSAGES } from './chips/chips.connect.js'
export type {
  ChipApi,
  ChipConnectOptions,
  ChipInputApi,
  ChipInputConnectOptions,
  ChipInputKeyEvent,
} from './chips/chips.connect.js'
export type {
  ChipAddRefusal,
  ChipInputEvent,
  ChipInputState,
  ChipsMessages,
} from './chips/chips.types.js'
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
} from './date-field/calendar.js'
export type { DateParts, Weekday } from './date-field/calendar.js'
export { initDateField, updateDateField } from './date-field/dateField.model.js'
export { connectDateField, DEFAULT_DATE_FIELD_MESSAGES } from './date-field/dateField.connect.js'
export type {
  CalendarCell,
  DateFieldApi,
  DateFieldConnectOptions,
  DateFieldKeyEvent,
} from './date-field/dateField.connect.js'
export type {
  DateFieldError,
  DateFieldEvent,
  DateFieldMessages,
  DateFieldState,
} from './date-field/dateField.types.js'
// ─── Controls: tooltip ───────────────────────────────────────────────────────────────────────────
export {
  initTooltip,
  updateTooltip,
  TOOLTIP_SHOW_DELAY,
  TOOLTIP_HIDE_DELAY,
} from './tooltip/tooltip.model.js'
export { connectTooltip } from './tooltip/tooltip.connect.js'
export type {
  TooltipApi,
  TooltipConnectOptions,
  TooltipContentProps,
  TooltipTriggerProps,
} from './tooltip/tooltip.connect.js'
export type { TooltipEvent, TooltipState } from './tooltip/tooltip.types.js'
