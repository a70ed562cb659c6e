import { defineComponent, h, type PropType, type VNodeChild } from 'vue'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { Button } from '../controls/Button.js'
import { Checkbox } from '../controls/Checkbox.js'
import { ChipInput } from '../controls/ChipInput.js'
import { DateField } from '../controls/DateField.js'
import { IconButton } from '../controls/IconButton.js'
import { RadioGroup } from '../controls/RadioGroup.js'
import { Select } from '../controls/Select.js'
import { Switch } from '../controls/Switch.js'
import { TextField } from '../controls/TextField.js'
import { useFormContext } from './formContext.js'
import { RelationField } from './RelationField.js'
import type { UseFormResult } from './useForm.js'

/** Props of {@link FormField}. */
export interface FormFieldProps {
  /** The field's dotted path (`title`, `address.city`, `tags.0`). */
  path: string
  /** The form, from `useForm`. @default the enclosing `<Form>`'s */
  form?: UseFormResult
  /** A label instead of the field's (array items are numbered). */
  label?: string
  /** The text fields' style. @default 'outlined' */
  variant?: TextFieldVariant
  /** The locale date fields are typed and shown in. @default 'en-US' */
  locale?: string
}

/** The description and error of a control that shows neither itself (switch, radio group). */
function message(form: UseFormResult, path: string): VNodeChild[] {
  const field = form.fieldAt(path)
  const error = form.errorAt(path)
  return [
    field?.description ? h('p', form.getDescriptionProps(path), field.description) : null,
    error ? h('p', form.getErrorProps(path), error) : null,
  ]
}

/** One field: its control, or the fieldset of a group or a list (which recurse). */
function renderField(
  form: UseFormResult,
  path: string,
  label: string | undefined,
  variant: TextFieldVariant,
  locale: string | undefined,
): VNodeChild {
  const field = form.fieldAt(path)
  if (!field) return null
  const c = form.getFieldControl(path, label)
  const common = {
    label: c.label,
    ...(c.supportingText ? { supportingText: c.supportingText } : {}),
    error: c.error,
    required: c.required,
  }
  const child = (childPath: string, childLabel?: string) =>
    h(FormField, {
      key: childPath,
      form,
      path: childPath,
      variant,
      ...(childLabel ? { label: childLabel } : {}),
      ...(locale ? { locale } : {}),
    })
  const wrap = (...children: VNodeChild[]) => h('div', form.getFieldProps(path), children)

  switch (c.kind) {
    case 'group':
      return h('fieldset', form.getGroupProps(path), [
        h('legend', form.getLegendProps(path), c.label),
        ...(field.fields ?? []).map((f) => child(`${path}.${f.name}`)),
        ...message(form, path),
      ])
    case 'list': {
      const items = (form.valueAt(path) as unknown[] | undefined) ?? []
      const itemLabel = field.item?.label ?? c.label
      const action = (
        props: { 'aria-label'?: string },
        icon: 'arrowUpward' | 'arrowDownward' | 'delete',
      ) => h(IconButton, { ...props, icon, label: props['aria-label'] ?? '' })
      return h('fieldset', form.getGroupProps(path), [
        h('legend', form.getLegendProps(path), [
          c.label,
          c.required ? h('span', form.getRequiredProps(), ' *') : null,
        ]),
        h(
          'ol',
          form.getItemsProps(path),
          // Items have no identity of their own: the index is their key, as their path is.
          items.map((_, i) =>
            h('li', { key: i, ...form.getItemProps(path, i) }, [
              child(`${path}.${i}`, `${itemLabel} ${i + 1}`),
              h('div', form.getItemActionsProps(path, i), [
                action(form.getMoveItemProps(path, i, 'up'), 'arrowUpward'),
                action(form.getMoveItemProps(path, i, 'down'), 'arrowDownward'),
                action(form.getRemoveItemProps(path, i), 'delete'),
              ]),
            ]),
          ),
        ),
        h(Button, { ...form.getAddItemProps(path), variant: 'text', icon: 'add' }, () =>
          form.messages.addItem(itemLabel),
        ),
        ...message(form, path),
      ])
    }
    case 'text':
      return wrap(
        h(TextField, {
          ...common,
          id: c.id,
          name: c.name,
          variant,
          type: c.type,
          multiline: c.multiline,
          ...(c.multiline ? { rows: 3 } : {}),
          modelValue: c.value,
          'onUpdate:modelValue': c.onValueChange,
          onBlur: c.onBlur,
          readOnly: c.readOnly,
          ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
          ...(c.placeholder ? { placeholder: c.placeholder } : {}),
        }),
      )
    case 'select':
      return wrap(
        h(Select, {
          ...common,
          id: c.id,
          name: c.name,
          variant,
          modelValue: c.value,
          options: c.options,
          'onUpdate:modelValue': c.onValueChange,
          disabled: c.readOnly,
          placeholder: c.placeholder,
        }),
      )
    case 'radio':
      return wrap(
        h(RadioGroup, {
          id: c.id,
          label: c.label,
          name: c.name,
          modelValue: c.value,
          options: c.options,
          'onUpdate:modelValue': c.onValueChange,
          disabled: c.readOnly,
        }),
        ...message(form, path),
      )
    case 'switch':
      return wrap(
        h(Switch, {
          id: c.id,
          name: c.name,
          modelValue: c.checked,
          'onUpdate:modelValue': c.onCheckedChange,
          label: c.label,
          disabled: c.readOnly,
        }),
        ...message(form, path),
      )
    case 'checkbox':
      return wrap(
        h(Checkbox, {
          id: c.id,
          name: c.name,
          modelValue: c.checked,
          'onUpdate:modelValue': c.onCheckedChange,
          label: c.label,
          disabled: c.readOnly,
          invalid: c.error !== null,
          required: c.required,
        }),
        ...message(form, path),
      )
    case 'chips':
      return wrap(
        h(ChipInput, {
          ...common,
          id: c.id,
          variant,
          modelValue: c.value,
          'onUpdate:modelValue': c.onValueChange,
          ...(c.placeholder ? { placeholder: c.placeholder } : {}),
          ...(c.maxItems !== undefined ? { maxItems: c.maxItems } : {}),
        }),
      )
    case 'date':
      // The form checks min and max itself (its words, focus on submit): a date field given
      // them would refuse the date without the form knowing, and save none.
      return wrap(
        h(DateField, {
          ...common,
          id: c.id,
          name: c.name,
          variant,
          modelValue: c.value,
          'onUpdate:modelValue': c.onValueChange,
          readOnly: c.readOnly,
          ...(locale ? { locale } : {}),
        }),
      )
    case 'relation':
      return wrap(h(RelationField, { form, path, variant }))
  }
}

/**
 * Renders the Material 3 control of one field, chosen by `getControlKind` (text field, select,
 * radio group, switch, checkbox, input chips, date field, relation combobox); objects and
 * arrays of objects recurse. Inside a `<Form>` it finds the form itself, so a custom layout is
 * a list of paths:
 *
 * ```vue
 * <Form :schema="task" @submit="save">
 *   <FormField path="title" />
 *   <div class="row"><FormField path="start" /><FormField path="end" /></div>
 * </Form>
 * ```
 */
export const FormField = defineComponent({
  name: 'MetalFormField',
  props: {
    /** The field's dotted path (`title`, `address.city`, `tags.0`). */
    path: { type: String, required: true },
    /** The form, from `useForm`; the enclosing `<Form>`'s when left out. */
    form: { type: Object as PropType<UseFormResult>, default: undefined },
    /** A label instead of the field's (array items are numbered). */
    label: { type: String, default: undefined },
    /** The text fields' style. */
    variant: { type: String as PropType<TextFieldVariant>, default: 'outlined' },
    /** The locale date fields are typed and shown in. */
    locale: { type: String, default: undefined },
  },
  setup(props) {
    const form = useFormContext(() => props.form, '<FormField>')
    return () => renderField(form(), props.path, props.label, props.variant, props.locale)
  },
})
