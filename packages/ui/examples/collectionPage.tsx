import type { DataTableColumn, EntityDefinition } from '@metal/ui'
import { CollectionPage } from '@metal/ui/react'

const taskSchema: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true } },
    { name: 'status', type: 'enum', label: 'Status', options: ['todo', 'doing', 'done'] },
  ],
}
const taskColumns: DataTableColumn[] = [
  { field: 'title', header: 'Title' },
  { field: 'status', header: 'Status', type: 'enum', options: ['todo', 'doing', 'done'] },
  { field: 'createdAt', header: 'Created', type: 'date', hidden: true },
]

export function Tasks({ uid, name, admin }: { uid: string; name: string; admin: boolean }) {
  return (
    <CollectionPage
      collection="tasks"
      title="Tasks"
      schema={taskSchema}
      columns={taskColumns}
      query={(q) => q.where('userId', '==', uid)}
      defaultValues={{ userId: uid, status: 'todo' }}
      bulkActions={[
        { label: 'Set status', field: 'status' },
        { label: 'Log ids', run: (ids) => console.log(ids) },
      ]}
      canDelete={admin}
      presence={{ userId: uid, name }}
      timestamps={{ createdAt: 'createdAt', updatedAt: 'updatedAt' }}
      tableProps={{ defaultSorting: [{ id: 'createdAt', direction: 'desc' }] }}
    />
  )
}
