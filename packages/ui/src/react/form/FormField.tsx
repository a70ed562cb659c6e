import type { ReactNode } from 'react'
import type { UseFormResult } from './useForm.js'
import { RelationField } from './RelationField.js'

/** Props of {@link FormField}. */
export interface FormFieldProps {
  /** The form, from `useForm`. */
  form: UseFormResult
  /** The field's dotted path (`title`, `address.city`, `tags.0`). */
  path: string
  /** A label instead of the field's (array items are numbered). */
  label?: string
}

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
  return (
    <div {...form.getFieldProps(path)}>
      {children}
      <Message form={form} path={path} />
    </div>
  )
}

/** Renders the control for one field of a form, by its type; objects and arrays recurse. */
export function FormField({ form, path, label }: FormFieldProps) {
  const field = form.fieldAt(path)
  if (!field) return null
  const text = label ?? field.label ?? field.name
  const required = field.rules?.required ? <span {...form.getRequiredProps()}>{' *'}</span> : null
  const labelEl = (
    <label {...form.getLabelProps(path)}>
      {text}
      {required}
    </label>
  )

  switch (field.type) {
    case 'object':
      return (
        <fieldset {...form.getGroupProps(path)}>
          <legend {...form.getLegendProps(path)}>{text}</legend>
          {(field.fields ?? []).map((child) => (
            <FormField key={child.name} form={form} path={`${path}.${child.name}`} />
          ))}
          <Message form={form} path={path} />
        </fieldset>
      )
    case 'array': {
      const items = (form.valueAt(path) as unknown[] | undefined) ?? []
      const itemLabel = field.item?.label ?? text
      return (
        <fieldset {...form.getGroupProps(path)}>
          <legend {...form.getLegendProps(path)}>
            {text}
            {required}
          </legend>
          <ol {...form.getItemsProps(path)}>
            {items.map((_, i) => (
              // Items have no identity of their own: the index is their key, as their path is.
              <li key={i} {...form.getItemProps(path, i)}>
                <FormField form={form} path={`${path}.${i}`} label={`${itemLabel} ${i + 1}`} />
                <div {...form.getItemActionsProps(path, i)}>
                  <button {...form.getMoveItemProps(path, i, 'up')}>↑</button>
                  <button {...form.getMoveItemProps(path, i, 'down')}>↓</button>
                  <button {...form.getRemoveItemProps(path, i)}>✕</button>
                </div>
              </li>
            ))}
          </ol>
          <button {...form.getAddItemProps(path)}>{form.messages.addItem(itemLabel)}</button>
          <Message form={form} path={path} />
        </fieldset>
      )
    }
    case 'boolean':
      return (
        <Field form={form} path={path}>
          <input {...form.getInputProps(path)} />
          {labelEl}
        </Field>
      )
    case 'text': {
      const { type: _type, ...props } = form.getInputProps(path)
      return (
        <Field form={form} path={path}>
          {labelEl}
          <textarea {...props} rows={3} />
        </Field>
      )
    }
    case 'enum': {
      const { type: _type, readOnly, ...props } = form.getInputProps(path)
      return (
        <Field form={form} path={path}>
          {labelEl}
          <select {...props} disabled={readOnly}>
            {(props.value === '' || !field.rules?.required) && (
              <option value="">{form.messages.choose}</option>
            )}
            {form.getEnumOptions(path).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      )
    }
    case 'relation':
      return (
        <Field form={form} path={path}>
          {labelEl}
          <RelationField form={form} path={path} />
        </Field>
      )
    default:
      return (
        <Field form={form} path={path}>
          {labelEl}
          <input {...form.getInputProps(path)} />
        </Field>
      )
  }
}
