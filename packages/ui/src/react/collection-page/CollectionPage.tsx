import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { DocumentData } from '@metal/core'
import { useMetal, useMetalCount } from '@metal/react'
import {
  checkCollectionPageProps,
  DEFAULT_COLLECTION_PAGE_MESSAGES,
  hasPendingWrites,
  type CollectionPageBulkAction,
  type CollectionPageFieldAction,
  type CollectionPageMessages,
} from '../../collection-page/collectionPage.model.js'
import type { DataTableBaseQuery } from '../../data-table/dataTable.query.js'
import type { DataTableColumn, DataTableRow } from '../../data-table/dataTable.types.js'
import type { EntityDefinition, FormMessages, FormValues } from '../../form/form.types.js'
import { DataTable, type DataTableBaseProps } from '../data-table/DataTable.js'
import type { DataTableRenderCell } from '../data-table/DataTableRow.js'
import { Avatar, ErrorList, RowActions, RowMarks, type PageError } from './CollectionPageParts.js'
import { BulkFieldDialog, ConfirmDeleteDialog, EntityDialog } from './CollectionPageDialogs.js'
import { Button } from '../controls/Button.js'
import { BulkToolbar } from './BulkToolbar.js'
import { useCollectionPresence, type CollectionPagePresence } from './useCollectionPresence.js'
import { stampUpdated, type WriteTimestamps } from '../../timestamps.js'

/** Props of {@link CollectionPage}. */
export interface CollectionPageProps<Row = DataTableRow> {
  /** The collection the page lists and writes (needs a `<MetalProvider>` above). */
  collection: string
  /** The page's heading, and the table's accessible name. */
  title: string
  /** The entity definition of the create and edit forms (as `<Form schema>` takes). */
  schema: EntityDefinition
  /** The table's columns (as `<DataTable columns>` takes). */
  columns: readonly DataTableColumn<Row>[]
  /** Narrows the collection for the table and the count (as `<DataTable query>` takes). */
  query?: DataTableBaseQuery<DocumentData>
  /** Values a new document starts from in the create form. */
  defaultValues?: FormValues
  /**
   * Fields every write of the page stamps with the server's time (create and edit dialogs, cell
   * edits, bulk changes): `createdAt` on create, `updatedAt` on every write.
   */
  timestamps?: WriteTimestamps
  /** Actions on the selected rows: set a field to a picked value, or run custom code. */
  bulkActions?: readonly CollectionPageBulkAction[]
  /** Whether the page offers "New". The server's rules still decide. @default true */
  canCreate?: boolean
  /** Whether rows can be opened for editing. @default true */
  canEdit?: boolean
  /** Whether rows can be deleted, one or the selection. @default true */
  canDelete?: boolean
  /**
   * Shows who else is on the page and which row they edit, and names them in the edit form,
   * by tracking this user in a presence room (the collection path unless `room` says).
   */
  presence?: CollectionPagePresence
  /**
   * A row's name in button labels ("Edit Write docs").
   * @default the text of the first column with a field, else the row id
   */
  getRowLabel?: (row: Row) => string
  /** The heading's level. @default 1 */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6
  /** Words to show instead of the English defaults. */
  messages?: Partial<CollectionPageMessages>
  /** Words of the create and edit forms. */
  formMessages?: Partial<FormMessages>
  /** More options of the table: paging, sorting, persistence, CSV export… */
  tableProps?: Omit<
    DataTableBaseProps<Row>,
    | 'columns'
    | 'label'
    | 'selectable'
    | 'renderCell'
    | 'onRowActivate'
    | 'onRowsChange'
    | 'toolbarActions'
    | 'messages'
  >
  className?: string
}

const MARKS_COLUMN = '$marks'
const ACTIONS_COLUMN = '$actions'

type Confirm = { ids: readonly string[]; after?: () => void }
type Bulk = { action: CollectionPageFieldAction; ids: readonly string[]; after: () => void }

/**
 * A live admin page for one collection: a heading with a live count, who else is here and how
 * many changes wait for the backend; the bound `<DataTable>` (selection, filters, sort, paging)
 * with a mark on rows that are saving or edited by someone else; "New" and row editing in modal
 * dialogs holding the schema's `<Form>`; delete with a confirmation; and bulk actions on the
 * selection, written in one batch. Failed writes are listed until dismissed.
 *
 * ```tsx
 * <CollectionPage collection="tasks" title="Tasks" schema={taskEntity} columns={taskColumns}
 *   bulkActions={[{ label: 'Set status', field: 'status' }]} presence={{ userId, name }} />
 * ```
 */
export function CollectionPage<Row = DataTableRow>(props: CollectionPageProps<Row>) {
  const { collection, title, schema, columns, query, bulkActions } = props
  const { canCreate = true, canEdit = true, canDelete = true } = props
  useMemo(
    () =>
      checkCollectionPageProps({
        collection,
        title,
        schema,
        columns,
        bulkActions,
        timestamps: props.timestamps,
      }),
    [collection, title, schema, columns, bulkActions, props.timestamps],
  )
  const messages = useMemo(
    () => ({ ...DEFAULT_COLLECTION_PAGE_MESSAGES, ...props.messages }),
    [props.messages],
  )
  const metal = useMetal()
  const count = useMetalCount(collection, query)

  // Failed writes, listed until dismissed.
  const [errors, setErrors] = useState<PageError[]>([])
  const nextError = useRef(0)
  const report = useCallback((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    setErrors((list) => [...list, { id: ++nextError.current, message }])
  }, [])

  const [entity, setEntity] = useState<{ docId: string | null; token: object } | null>(null)
  const [confirm, setConfirm] = useState<Confirm | null>(null)
  const [bulk, setBulk] = useState<Bulk | null>(null)
  // A save that fails after its dialog closed (it waited for the network) goes to the list.
  const shownForm = useRef<object | null>(null)
  useLayoutEffect(() => {
    shownForm.current = entity?.token ?? null
  })
  const openEdit = useCallback((docId: string) => setEntity({ docId, token: {} }), [])
  const askDelete = useCallback((c: Confirm) => setConfirm(c), [])

  const presence = useCollectionPresence(collection, props.presence, entity?.docId ?? null)
  // Counted here, so a new rows array with the same count (as while loading) renders nothing.
  const [pending, setPending] = useState(0)
  const onRowsChange = useCallback(
    (rows: readonly Row[]) => setPending(rows.filter(hasPendingWrites).length),
    [],
  )

  // Writes are optimistic, so dialogs close at once; a rejection is reported.
  const write = (ids: readonly string[], change: DocumentData | null) => {
    const db = metal.db()
    const batch = db.batch()
    for (const id of ids) {
      const ref = db.collection(collection).doc(id)
      if (change) batch.update(ref, stampUpdated(props.timestamps, change))
      else batch.delete(ref)
    }
    batch.commit().catch(report)
  }
  const runAction = (
    action: CollectionPageBulkAction,
    ids: readonly string[],
    after: () => void,
  ) => {
    if ('run' in action) {
      Promise.resolve()
        .then(() => action.run(ids))
        .then(after, report)
    } else setBulk({ action, ids, after })
  }

  const labelOf = useMemo(() => {
    if (props.getRowLabel) return props.getRowLabel
    const first = columns.find((c) => c.field)?.field
    return (row: Row) => {
      const value = first ? (row as Record<string, unknown>)[first] : undefined
      return typeof value === 'string' && value !== ''
        ? value
        : String((row as { id?: unknown }).id ?? '')
    }
  }, [props.getRowLabel, columns])

  const allColumns = useMemo<DataTableColumn<Row>[]>(() => {
    const custom = {
      type: 'custom',
      sortable: false,
      filterable: false,
      searchable: false,
    } as const
    return [
      { ...custom, id: MARKS_COLUMN, header: messages.marksHeader, width: 96 },
      ...columns,
      ...(canEdit || canDelete
        ? [{ ...custom, id: ACTIONS_COLUMN, header: messages.actionsHeader, width: 112 }]
        : []),
    ]
  }, [columns, messages, canEdit, canDelete])

  const { editors } = presence
  const renderCell = useCallback<DataTableRenderCell<Row>>(
    ({ row, rowId, column }) => {
      if (column.id === MARKS_COLUMN) {
        return (
          <RowMarks
            pending={hasPendingWrites(row)}
            editors={editors.get(rowId)}
            messages={messages}
          />
        )
      }
      if (column.id !== ACTIONS_COLUMN) return undefined
      return (
        <RowActions
          label={labelOf(row)}
          messages={messages}
          onEdit={canEdit ? () => openEdit(rowId) : undefined}
          onDelete={canDelete ? () => askDelete({ ids: [rowId] }) : undefined}
        />
      )
    },
    [editors, messages, labelOf, canEdit, canDelete, openEdit, askDelete],
  )
  const onRowActivate = useCallback((_: Row, rowId: string) => openEdit(rowId), [openEdit])

  const Heading = `h${props.headingLevel ?? 1}` as 'h1'
  const editing = entity?.docId ?? null
  const part = (name: string) => ({ 'data-scope': 'collection-page', 'data-part': name })
  return (
    <section
      {...part('root')}
      className={
        props.className ? `metal-collection-page ${props.className}` : 'metal-collection-page'
      }
      aria-label={title}
    >
      <header {...part('header')}>
        <Heading {...part('title')}>{title}</Heading>
        <span {...part('count')}>{count.data === undefined ? '' : messages.count(count.data)}</span>
        <span {...part('pending')} role="status">
          {pending > 0 ? messages.pending(pending) : ''}
        </span>
        {presence.others.length > 0 && (
          <ul {...part('viewers')} aria-label={messages.viewers}>
            {presence.others.map((m) => (
              <li key={m.userId}>
                <Avatar member={m} label={m.name} />
              </li>
            ))}
          </ul>
        )}
        {canCreate && (
          <Button
            icon="add"
            data-action="create"
            onClick={() => setEntity({ docId: null, token: {} })}
          >
            {messages.create}
          </Button>
        )}
      </header>
      <ErrorList
        errors={errors}
        messages={messages}
        onDismiss={(id) => setErrors((list) => list.filter((e) => e.id !== id))}
      />
      <DataTable<Row>
        {...props.tableProps}
        label={title}
        collection={collection}
        {...(query ? { query } : {})}
        columns={allColumns}
        {...(props.timestamps ? { timestamps: props.timestamps } : {})}
        selectable={Boolean(bulkActions?.length) || canDelete}
        renderCell={renderCell}
        {...(canEdit ? { onRowActivate } : {})}
        onRowsChange={onRowsChange}
        toolbarActions={(context) => (
          <BulkToolbar
            context={context}
            actions={bulkActions ?? []}
            canDelete={canDelete}
            messages={messages}
            onAction={(action, ids) => runAction(action, ids, context.clearSelection)}
            onDelete={(ids) => askDelete({ ids, after: context.clearSelection })}
            onError={report}
          />
        )}
      />
      {entity && (
        <EntityDialog
          key={String(entity.docId)}
          collection={collection}
          schema={schema}
          docId={entity.docId}
          defaultValues={props.defaultValues}
          timestamps={props.timestamps}
          presence={
            props.presence && editing !== null
              ? {
                  room: presence.room,
                  userId: props.presence.userId,
                  name: props.presence.name ?? props.presence.userId,
                  editingKey: editing,
                  publish: false,
                }
              : undefined
          }
          messages={messages}
          formMessages={props.formMessages}
          onDone={() => setEntity(null)}
          onClose={() => setEntity(null)}
          onSaveError={(error) => {
            if (shownForm.current !== entity.token) report(error)
          }}
          onDelete={
            canDelete && editing !== null
              ? () => askDelete({ ids: [editing], after: () => setEntity(null) })
              : undefined
          }
        />
      )}
      {confirm && (
        <ConfirmDeleteDialog
          count={confirm.ids.length}
          messages={messages}
          onClose={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null)
            confirm.after?.()
            write(confirm.ids, null)
          }}
        />
      )}
      {bulk && (
        <BulkFieldDialog
          action={bulk.action}
          schema={schema}
          count={bulk.ids.length}
          messages={messages}
          onClose={() => setBulk(null)}
          onApply={(value) => {
            setBulk(null)
            bulk.after()
            write(bulk.ids, { [bulk.action.field]: value })
          }}
        />
      )}
    </section>
  )
}
