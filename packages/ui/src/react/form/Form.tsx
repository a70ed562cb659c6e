import { useEffect, useRef, type CSSProperties, type ReactNode } from 'react'
import { useMetalDoc, useMetalMutation, useMetalPresence } from '@metal/react'
import type { FieldChange, FormValues } from '../../form/form.types.js'
import { getEditingKey, getEditingTrack, getEditors } from '../../form/form.presence.js'
import { saveFormAndSubmit } from '../../form/form.save.js'
import { checkTimestamps, type WriteTimestamps } from '../../timestamps.js'
import { Button } from '../controls/Button.js'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { FormField } from './FormField.js'
import { useForm, type UseFormProps, type UseFormResult } from './useForm.js'

/** What `onSubmit` receives besides the values. */
export interface FormSubmitInfo {
  /** The document written (the new id in create mode); absent in an unbound form. */
  id?: string
  /** The fields changed (edit mode), as dotted paths. */
  changes: FieldChange[]
}

/** Who edits a bound form, published through presence so other editors can be named. */
export interface FormPresenceOptions {
  /**
   * The presence room.
   * @default 'default'
   */
  room?: string
  /** This user; while editing, tracked with `metadata.editing = 'collection/docId'`. */
  userId?: string
  /** A display name for the banners of other editors. @default the user id */
  name?: string
  /**
   * The `metadata.editing` value that marks an editor of this document, published and matched.
   * @default 'collection/docId'
   */
  editingKey?: string
  /**
   * Whether the form publishes this user's state itself. `false` when the owner of the room
   * already publishes `metadata.editing` for this user (a `<CollectionPage>` does), since a
   * client has one state per room and two publishers would replace and withdraw each other's;
   * the form then only reads the room for its banner.
   * @default true
   */
  publish?: boolean
}

/** Props of {@link Form}. */
export interface FormProps extends Omit<UseFormProps, 'onSave' | 'mode'> {
  /**
   * The collection the form writes to: `add` in create mode, `update` of the changed fields in
   * edit mode. Needs a `<MetalProvider>`. Without it the form is unbound and only calls
   * `onSubmit`.
   */
  collection?: string
  /** The document to edit (edit mode); pre-fills the form and follows remote changes. */
  docId?: string | null
  /**
   * Called after a successful save (bound), or to save (unbound); a rejection shows as the
   * form's error.
   */
  onSubmit?: (values: FormValues, info: FormSubmitInfo) => unknown
  /**
   * Fields the bound form stamps with the server's time: `createdAt` when it creates a
   * document, `updatedAt` whenever it writes one.
   */
  timestamps?: WriteTimestamps
  /** Presence of editors (bound edit mode): names who changed the document in the banner. */
  presence?: FormPresenceOptions
  /**
   * The style of the text fields, selects, chips and date fields.
   * @default 'outlined'
   */
  variant?: TextFieldVariant
  /**
   * The locale date fields are typed and shown in.
   * @default 'en-US'
   */
  locale?: string
  /**
   * Shows a reset button that puts the values back as loaded (enabled once something changed).
   * @default false
   */
  resettable?: boolean
  /** Shown after the fields, before the actions. */
  children?: ReactNode
  /** Added to the `<form>`'s classes. */
  className?: string
  style?: CSSProperties
}

/** The markup of a form: title, banners, error summary, fields, status and actions. */
function FormView({
  form,
  props,
  editors = [],
}: {
  form: UseFormResult
  props: Pick<
    FormProps,
    'children' | 'className' | 'style' | 'onCancel' | 'variant' | 'resettable' | 'locale'
  >
  /** Who else edits this document now (bound edit mode, from presence). */
  editors?: readonly string[]
}) {
  const { state, messages, texts } = form
  return (
    <form
      {...form.getRootProps()}
      className={props.className ? `metal-form ${props.className}` : 'metal-form'}
      style={props.style}
    >
      {state.entity.label && <h2 {...form.getTitleProps()}>{state.entity.label}</h2>}
      <p {...form.getEditorsProps(editors)}>{form.getEditorsText(editors)}</p>
      {form.remote && (
        <div {...form.getBannerProps()}>
          <p>{form.remote.message}</p>
          <div {...form.getBannerActionsProps()}>
            <Button {...form.getReloadProps()} variant="text" icon="refresh">
              {messages.reload}
            </Button>
            <Button {...form.getKeepMineProps()} variant="text">
              {messages.keepMine}
            </Button>
          </div>
        </div>
      )}
      {texts.failure && <div {...form.getAlertProps()}>{texts.failure}</div>}
      {form.formErrors.length > 0 && (
        <ul {...form.getAlertProps()}>
          {form.formErrors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
      <section {...form.getErrorSummaryProps()}>
        <h3 {...form.getErrorSummaryTitleProps()}>{texts.errorSummary}</h3>
        <ul>
          {form.errorSummary.map((item) => (
            <li key={item.path}>
              <a {...form.getErrorLinkProps(item.path)}>{item.label}</a>
            </li>
          ))}
        </ul>
      </section>
      {state.status === 'loading' ? (
        <p {...form.getLoadingProps()}>{messages.loading}</p>
      ) : (
        form.fields.map((field) => (
          <FormField
            key={field.name}
            form={form}
            path={field.name}
            {...(props.variant ? { variant: props.variant } : {})}
            {...(props.locale ? { locale: props.locale } : {})}
          />
        ))
      )}
      {props.children}
      <div {...form.getActionsProps()}>
        <p {...form.getStatusProps()}>{texts.status}</p>
        {props.onCancel && (
          <Button {...form.getCancelProps()} variant="text">
            {messages.cancel}
          </Button>
        )}
        {props.resettable && (
          <Button {...form.getResetProps()} variant="outlined">
            {messages.reset}
          </Button>
        )}
        <Button {...form.getSubmitProps()}>{texts.submit}</Button>
      </div>
    </form>
  )
}

function UnboundForm({ onSubmit, ...props }: FormProps) {
  const form = useForm(
    {
      ...props,
      onSave: (info) => saveFormAndSubmit(info, { onSubmit }),
    },
    '<Form>',
  )
  return <FormView form={form} props={props} />
}

function BoundForm({
  collection,
  docId,
  onSubmit,
  presence,
  timestamps,
  ...props
}: FormProps & { collection: string }) {
  checkTimestamps('<Form>', timestamps)
  const edit = typeof docId === 'string' && docId !== ''
  const key = getEditingKey(collection, docId ?? '', presence?.editingKey)
  const doc = useMetalDoc(collection, edit ? docId : null)
  const writer = useMetalMutation(collection)
  const room = useMetalPresence({
    ...(presence?.room ? { room: presence.room } : {}),
    track: getEditingTrack(edit, key, presence),
  })

  const form = useForm(
    {
      ...props,
      mode: edit ? 'edit' : 'create',
      onSave: (info) => saveFormAndSubmit(info, { writer, docId, timestamps, onSubmit }),
    },
    '<Form>',
  )

  const { send } = form
  const row = doc.data
  const missing = edit && doc.isSuccess && row === null
  // Who was editing when the document changed: read at that moment, not followed on its own.
  const editors = useRef<string[]>([])
  editors.current = getEditors(room.others, key)
  useEffect(() => {
    if (row) send({ type: 'REMOTE_CHANGE', values: row, by: editors.current })
  }, [row, send])
  useEffect(() => {
    if (missing) send({ type: 'NOT_FOUND', message: `no document '${docId}' in '${collection}'` })
  }, [missing, send, docId, collection])
  useEffect(() => {
    if (doc.error) send({ type: 'NOT_FOUND', message: doc.error.message })
  }, [doc.error, send])

  return <FormView form={form} props={props} editors={edit ? editors.current : []} />
}

/**
 * A Material 3 form built from an entity definition: a control per field (text, numbers,
 * booleans, dates, enums, e-mail, URLs, arrays, nested objects and relations), validated by the
 * fields' rules and optionally a Standard Schema validator, with errors tied to their controls
 * and focus moved to the first invalid one on submit.
 *
 * Bound to a collection it creates documents (`add`) or, given `docId`, edits one: it pre-fills
 * from the live document, saves only the changed fields with `update`, and when someone else
 * changes the document meanwhile shows a banner to reload or keep the user's edits.
 *
 * ```tsx
 * <Form schema={taskEntity} collection="tasks" docId={id} onSubmit={() => close()} />
 * ```
 */
export function Form(props: FormProps) {
  if (props.collection === undefined) return <UnboundForm {...props} />
  // A different document is a different form: start over rather than carry edits across.
  return (
    <BoundForm
      key={`${props.collection}/${props.docId ?? ''}`}
      {...props}
      collection={props.collection}
    />
  )
}
