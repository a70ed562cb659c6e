import type { ReactNode } from 'react'
/** The style of text fields (outlined or filled). */
export type TextFieldVariant = 'outlined' | 'filled'
import { Button } from '../controls/Button.js'
import { Checkbox } from '../controls/Checkbox.js'
import { IconButton } from '../controls/IconButton.js'
import { RadioGroup } from '../controls/RadioGroup.js'
import { Switch } from '../controls/Switch.js'
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

/** A native control, until the Material 3 text field, select and date field are in. */
function NativeField({ form, path, label }: { form: UseFormResult; path: string; label?: string }) {
  const field = form.fieldAt(path)
  const c = form.getFieldControl(path, label)
  const { type: _type, ...props } = form.getInputProps(path)
  return (
    <Field form={form} path={path}>
      <label {...form.getLabelProps(path)}>
        {c.label}
        {c.required && <span {...form.getRequiredProps()}>{' *'}</span>}
      </label>
      {field?.type === 'text' ? (
        <textarea {...props} rows={3} />
      ) : c.kind === 'select' ? (
        <select {...props} disabled={c.readOnly}>
          {c.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input {...form.getInputProps(path)} />
      )}
      <Message form={form} path={path} />
    </Field>
  )
}

/**
 * Renders the Material 3 control of one field, chosen by `getControlKind` (text field, select,
 * radio group, switch, checkbox, input chips, date field, relation combobox); objects and
 * arrays of objects recurse.
 */
export function FormField({ form, path, label, variant = 'outlined' }: FormFieldProps) {
  const field = form.fieldAt(path)
  if (!field) return null
  const c = form.getFieldControl(path, label)
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
            />
          ))}
          <Message form={form} path={path} />
        </fieldset>
      )
    case 'chips':
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
    case 'select':
    case 'date':
      return <NativeField form={form} path={path} {...(label ? { label } : {})} />
    case 'radio':
      return (
        <Field form={form} path={path}>
          <RadioGroup
            label={c.label}
            name={c.name}
            value={c.value}
            options={c.options}
            onValueChange={c.onValueChange}
          />
          <Message form={form} path={path} />
        </Field>
      )
    case 'switch':
      return (
        <Field form={form} path={path}>
          <Switch
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
    case 'relation':
      return (
        <Field form={form} path={path}>
          <label {...form.getLabelProps(path)}>{c.label}</label>
          <RelationField form={form} path={path} />
          <Message form={form} path={path} />
        </Field>
      )
  }
}
