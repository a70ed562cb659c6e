import { useMemo, useState } from 'react'
import {
  getBulkOptions,
  type CollectionPageFieldAction,
  type CollectionPageMessages,
} from '../../collection-page/collectionPage.model.js'
import type { EntityDefinition, FormMessages, FormValues } from '../../form/form.types.js'
import { Form, type FormPresenceOptions } from '../form/Form.js'
import { Button } from '../controls/Button.js'
import { ConfirmDialog, Dialog } from '../controls/Dialog.js'
import { Select } from '../controls/Select.js'
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
    <Dialog
      open
      title={docId === null ? messages.createTitle(entity) : messages.editTitle(entity)}
      onClose={props.onClose}
      closeOnScrim={false}
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
          {props.onDelete && (
            <Button variant="text" danger icon="delete" onClick={props.onDelete}>
              {messages.delete}
            </Button>
          )}
          <Button variant="text" onClick={props.onClose}>
            {messages.cancel}
          </Button>
        </div>
      </Form>
    </Dialog>
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
    <ConfirmDialog
      open
      destructive
      title={messages.confirmDeleteTitle(props.count)}
      message={messages.confirmDeleteText}
      confirmLabel={messages.delete}
      cancelLabel={messages.cancel}
      onConfirm={props.onConfirm}
      onCancel={props.onClose}
    />
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
  return (
    <Dialog open title={messages.bulkTitle(action.label, props.count)} onClose={props.onClose}>
      <form
        {...part('bulk-form')}
        onSubmit={(event) => {
          event.preventDefault()
          props.onApply(options[index]?.value)
        }}
      >
        <Select
          label={messages.bulkValue}
          value={String(index)}
          options={options.map((o, i) => ({ value: String(i), label: o.label }))}
          onValueChange={(value) => setIndex(Number(value))}
        />
        <div {...part('dialog-actions')}>
          <Button variant="text" onClick={props.onClose}>
            {messages.cancel}
          </Button>
          <Button type="submit">{messages.apply}</Button>
        </div>
      </form>
    </Dialog>
  )
}
