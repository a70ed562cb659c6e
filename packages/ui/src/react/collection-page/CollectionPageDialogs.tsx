import { useId, useMemo, useState } from 'react'
import {
  getBulkOptions,
  type CollectionPageFieldAction,
  type CollectionPageMessages,
} from '../../collection-page/collectionPage.model.js'
import type { EntityDefinition, FormMessages, FormValues } from '../../form/form.types.js'
import { Form, type FormPresenceOptions } from '../form/Form.js'
import { PageDialog } from './PageDialog.js'
import type { WriteTimestamps } from '../../timestamps.js'

// The page's dialogs: create or edit a document with the schema's form, confirm a delete, and
// pick the value a bulk action sets.

const part = (name: string) => ({ 'data-scope': 'collection-page', 'data-part': name })

/** The create (no `docId`) or edit dialog: the schema's bound `<Form>`. */
export function EntityDialog(props: {
  collection: string
  schema: EntityDefinition
  docId: string | null
  defaultValues: FormValues | undefined
  timestamps: WriteTimestamps | undefined
  presence: FormPresenceOptions | undefined
  messages: CollectionPageMessages
  formMessages: Partial<FormMessages> | undefined
  onDone: () => void
  onClose: () => void
  onSaveError: (error: Error) => void
  onDelete: (() => void) | undefined
}) {
  const { schema, docId, messages } = props
  const entity = schema.label ?? schema.name
  // The dialog's title names the form; the form's own title would repeat it.
  const untitled = useMemo(() => ({ ...schema, label: undefined }), [schema])
  return (
    <PageDialog
      part={docId === null ? 'create-dialog' : 'edit-dialog'}
      title={docId === null ? messages.createTitle(entity) : messages.editTitle(entity)}
      onClose={props.onClose}
    >
      <Form
        schema={untitled}
        collection={props.collection}
        {...(props.timestamps ? { timestamps: props.timestamps } : {})}
        docId={docId}
        {...(docId === null && props.defaultValues ? { defaultValues: props.defaultValues } : {})}
        {...(docId !== null && props.presence ? { presence: props.presence } : {})}
        {...(props.formMessages ? { messages: props.formMessages } : {})}
        onSubmit={props.onDone}
        onSaveError={props.onSaveError}
      >
        <div {...part('form-actions')}>
          <button type="button" {...part('cancel')} onClick={props.onClose}>
            {messages.cancel}
          </button>
          {props.onDelete && (
            <button type="button" {...part('delete')} onClick={props.onDelete}>
              {messages.delete}
            </button>
          )}
        </div>
      </Form>
    </PageDialog>
  )
}

/** Asks before deleting `count` documents. */
export function ConfirmDeleteDialog(props: {
  count: number
  messages: CollectionPageMessages
  onConfirm: () => void
  onClose: () => void
}) {
  const { messages } = props
  return (
    <PageDialog
      part="confirm-dialog"
      role="alertdialog"
      title={messages.confirmDeleteTitle(props.count)}
      onClose={props.onClose}
    >
      <p {...part('dialog-text')}>{messages.confirmDeleteText}</p>
      <div {...part('dialog-actions')}>
        {/* The safe choice first, and focused first. */}
        <button type="button" {...part('cancel')} autoFocus onClick={props.onClose}>
          {messages.cancel}
        </button>
        <button type="button" {...part('confirm')} onClick={props.onConfirm}>
          {messages.delete}
        </button>
      </div>
    </PageDialog>
  )
}

/** Picks the value a bulk "set field" action writes to `count` documents. */
export function BulkFieldDialog(props: {
  action: CollectionPageFieldAction
  schema: EntityDefinition
  count: number
  messages: CollectionPageMessages
  onApply: (value: unknown) => void
  onClose: () => void
}) {
  const { action, messages } = props
  const options = useMemo(() => getBulkOptions(props.schema, action), [props.schema, action])
  const [index, setIndex] = useState(0)
  const selectId = `${useId()}-value`
  return (
    <PageDialog
      part="bulk-dialog"
      title={messages.bulkTitle(action.label, props.count)}
      onClose={props.onClose}
    >
      <form
        {...part('bulk-form')}
        onSubmit={(event) => {
          event.preventDefault()
          props.onApply(options[index]?.value)
        }}
      >
        <label {...part('bulk-label')} htmlFor={selectId}>
          {messages.bulkValue}
        </label>
        <select
          {...part('bulk-value')}
          id={selectId}
          value={String(index)}
          onChange={(event) => setIndex(Number(event.target.value))}
        >
          {options.map((o, i) => (
            <option key={String(o.value)} value={String(i)}>
              {o.label}
            </option>
          ))}
        </select>
        <div {...part('dialog-actions')}>
          <button type="button" {...part('cancel')} onClick={props.onClose}>
            {messages.cancel}
          </button>
          <button type="submit" {...part('apply')}>
            {messages.apply}
          </button>
        </div>
      </form>
    </PageDialog>
  )
}
