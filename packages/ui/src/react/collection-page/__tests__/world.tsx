import type { ReactNode } from 'react'
import { render } from '@testing-library/react'
import { Metal } from '@metal/core'
import { memory, type MemoryBackendOptions } from '@metal/core/memory'
import { MetalProvider } from '@metal/react'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import type { EntityDefinition } from '../../../form/form.types.js'
import { CollectionPage, type CollectionPageProps } from '../CollectionPage.js'

export const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true } },
    { name: 'status', type: 'enum', label: 'Status', options: ['todo', 'doing', 'done'] },
    { name: 'userId', type: 'string', label: 'Owner' },
  ],
}

export const COLUMNS: DataTableColumn[] = [
  { field: 'title', header: 'Title' },
  { field: 'status', header: 'Status', type: 'enum', options: ['todo', 'doing', 'done'] },
]

export const SEED = {
  t1: { title: 'Write docs', status: 'todo', userId: 'me' },
  t2: { title: 'Fix bug', status: 'doing', userId: 'me' },
  t3: { title: 'Ship it', status: 'todo', userId: 'me' },
}

const opened: Metal[] = []

/** Closes the clients the tests opened (an `afterEach`). */
export function closeClients(): void {
  for (const metal of opened.splice(0)) metal.close()
}

/** Clients of several users on one shared embedded backend; each call opens one more. */
export function world(options: MemoryBackendOptions = {}) {
  const backend = memory({ presenceChannel: false, ...options })
  return () => {
    const metal = new Metal({
      backend,
      projectId: 'test',
      auth: { persistence: false },
      presence: { throttleMs: 0 },
      sync: { storage: false },
      watchBrowserNetwork: false,
    })
    opened.push(metal)
    return metal
  }
}

/** Writes the three seed tasks through `metal`. */
export async function seed(metal: Metal, docs: Record<string, object> = SEED): Promise<void> {
  const db = metal.db()
  const batch = db.batch()
  for (const [id, data] of Object.entries(docs)) batch.set(db.collection('tasks').doc(id), data)
  await batch.commit()
}

/** Renders a tasks page on `metal`. */
export function renderPage(metal: Metal, props: Partial<CollectionPageProps> = {}) {
  const wrapper = ({ children }: { children?: ReactNode }) => (
    <MetalProvider client={metal}>{children}</MetalProvider>
  )
  return render(
    <CollectionPage collection="tasks" title="Tasks" schema={TASK} columns={COLUMNS} {...props} />,
    { wrapper },
  )
}

/** The tasks as stored, by id. */
export async function stored(metal: Metal): Promise<Record<string, Record<string, unknown>>> {
  const snapshot = await metal.db().collection('tasks').get()
  return Object.fromEntries(snapshot.docs.map((d) => [d.id, d.data() as Record<string, unknown>]))
}
