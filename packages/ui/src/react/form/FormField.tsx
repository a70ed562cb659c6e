import type { ReactNode } from 'react'
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
import { RelationField } from './RelationField.js'
import type { UseFormResult } from './useForm.js'

/** Props of {@link FormField}. */
export interface FormFieldProps {
  /** The form, from `useForm`. */
  form: UseFormResult
  /** The field's dotted path (`title`, `address.city`, `tags.0`). */
  path: string
  /** A label instead of the field's (array items are numbered). */
  label?: string
  /**
   * The text fields' style.
   * @default 'outlined'
   */
  variant?: TextFieldVariant
  /**
   * The locale date fields are typed and shown in.
   * @default 'en-US'
   */
  locale?: string
}

/** The description and error of a control that shows neither itself (switch, radio group). */
function Message({ form, path }: { form: UseFormResult; path: string }) {
  const field = form.fieldAt(path)
  const error = form.errorAt(path)
  return (
    <>
      {field?.description && <p {...form.getDescriptionProps(path)}>{field.description}</p>}
      {error && <p {...form.getErrorProps(path)}>{error}</p>}
    </>
  )
}

function Field({
  form,
  path,
  children,
}: {
  form: UseFormResult
  path: string
  children: ReactNode
}) {
  return <div {...form.getFieldProps(path)}>{children}</div>
}

/**
 * Renders the Material 3 control of one field, chosen by `getControlKind` (text field, select,
 * radio group, switch, checkbox, input chips, date field, relation combobox); objects and
 * arrays of objects recurse.
 */
export function FormField({ form, path, label, variant = 'outlined', locale }: FormFieldProps) {
  const field = form.fieldAt(path)
  if (!field) return null
  const c = form.getFieldControl(path, label)
  const common = {
    label: c.label,
    ...(c.supportingText ? { supportingText: c.supportingText } : {}),
    error: c.error,
    required: c.required,
  }

  switch (c.kind) {
    case 'group':
      return (
        <fieldset {...form.getGroupProps(path)}>
          <legend {...form.getLegendProps(path)}>{c.label}</legend>
          {(field.fields ?? []).map((child) => (
            <FormField
              key={child.name}
              form={form}
              path={`${path}.${child.name}`}
              variant={variant}
              {...(locale ? { locale } : {})}
            />
          ))}
          <Message form={form} path={path} />
        </fieldset>
      )
    case 'list': {
      const items = (form.valueAt(path) as unknown[] | undefined) ?? []
      const itemLabel = field.item?.label ?? c.label
      return (
        <fieldset {...form.getGroupProps(path)}>
          <legend {...form.getLegendProps(path)}>
            {c.label}
            {c.required && <span {...form.getRequiredProps()}>{' *'}</span>}
          </legend>
          <ol {...form.getItemsProps(path)}>
            {items.map((_, i) => {
              const up = form.getMoveItemProps(path, i, 'up')
              const down = form.getMoveItemProps(path, i, 'down')
              const remove = form.getRemoveItemProps(path, i)
              return (
                // Items have no identity of their own: the index is their key, as their path is.
                <li key={i} {...form.getItemProps(path, i)}>
                  <FormField
                    form={form}
                    path={`${path}.${i}`}
                    label={`${itemLabel} ${i + 1}`}
                    variant={variant}
                    {...(locale ? { locale } : {})}
                  />
                  <div {...form.getItemActionsProps(path, i)}>
                    <IconButton {...up} icon="arrowUpward" label={up['aria-label'] ?? ''} />
                    <IconButton {...down} icon="arrowDownward" label={down['aria-label'] ?? ''} />
                    <IconButton {...remove} icon="delete" label={remove['aria-label'] ?? ''} />
                  </div>
                </li>
              )
            })}
          </ol>
          <Button {...form.getAddItemProps(path)} variant="text" icon="add">
            {form.messages.addItem(itemLabel)}
          </Button>
          <Message form={form} path={path} />
        </fieldset>
      )
    }
    case 'text':
      return (
        <Field form={form} path={path}>
          <TextField
            {...common}
            id={c.id}
            name={c.name}
            variant={variant}
            type={c.type}
            multiline={c.multiline}
            {...(c.multiline ? { rows: 3 } : {})}
            value={c.value}
            onValueChange={c.onValueChange}
            onBlur={c.onBlur}
            readOnly={c.readOnly}
            {...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {})}
            {...(c.placeholder ? { placeholder: c.placeholder } : {})}
          />
        </Field>
      )
    case 'select':
      return (
        <Field form={form} path={path}>
          <Select
            {...common}
            id={c.id}
            name={c.name}
            variant={variant}
            value={c.value}
            options={c.options}
            onValueChange={c.onValueChange}
            disabled={c.readOnly}
            placeholder={c.placeholder}
          />
        </Field>
      )
    case 'radio':
      return (
        <Field form={form} path={path}>
          <RadioGroup
            id={c.id}
            label={c.label}
            name={c.name}
            value={c.value}
            options={c.options}
            onValueChange={c.onValueChange}
            disabled={c.readOnly}
          />
          <Message form={form} path={path} />
        </Field>
      )
    case 'switch':
      return (
        <Field form={form} path={path}>
          <Switch
            id={c.id}
            name={c.name}
            checked={c.checked}
            onCheckedChange={c.onCheckedChange}
            label={c.label}
            disabled={c.readOnly}
          />
          <Message form={form} path={path} />
        </Field>
      )
    case 'checkbox':
      return (
        <Field form={form} path={path}>
          <Checkbox
            id={c.id}
            name={c.name}
            checked={c.checked}
            onCheckedChange={c.onCheckedChange}
            label={c.label}
            disabled={c.readOnly}
            invalid={c.error !== null}
            required={c.required}
          />
          <Message form={form} path={path} />
        </Field>
      )
    case 'chips':
      return (
        <Field form={form} path={path}>
          <ChipInput
            {...common}
            id={c.id}
            variant={variant}
            value={c.value}
            onValueChange={c.onValueChange}
            {...(c.placeholder ? { placeholder: c.placeholder } : {})}
            {...(c.maxItems !== undefined ? { maxItems: c.maxItems } : {})}
          />
        </Field>
      )
    case 'date':
      return (
        <Field form={form} path={path}>
          {/* The form checks min and max itself (its words, focus on submit): a date field given
              them would refuse the date without the form knowing, and save none. */}
          <DateField
            {...common}
            id={c.id}
            name={c.name}
            variant={variant}
            value={c.value}
            onValueChange={c.onValueChange}
            readOnly={c.readOnly}
            {...(locale ? { locale } : {})}
          />
        </Field>
      )
    case 'relation':
      return (
        <Field form={form} path={path}>
          <RelationField form={form} path={path} variant={variant} />
        </Field>
      )
  }
}
