import { useMemo } from 'react'
import { CollectionPage } from '@metal/ui/react'
import { NEWEST_FIRST, taskColumns, taskSchema, TASK_STATUSES, TIMESTAMPS } from '../schemas.js'
import { useViewer } from '../viewer.js'

/**
 * Tasks: admins see and manage everyone's, the others only their own (the query asks for them
 * by `userId`, which is what the server's rules require).
 */
export function TasksPage() {
  const viewer = useViewer()
  const schema = useMemo(() => taskSchema(viewer.isAdmin), [viewer.isAdmin])
  return (
    <CollectionPage
      collection="tasks"
      title={viewer.isAdmin ? 'All tasks' : 'My tasks'}
      schema={schema}
      columns={taskColumns}
      query={viewer.readsAllTasks ? undefined : (q) => q.where('userId', '==', viewer.userId)}
      defaultValues={{ userId: viewer.userId, status: 'todo', subtasks: [], tags: [] }}
      bulkActions={[{ label: 'Set status', field: 'status', options: [...TASK_STATUSES] }]}
      presence={{ userId: viewer.userId, name: viewer.name }}
      timestamps={TIMESTAMPS}
      tableProps={NEWEST_FIRST}
    />
  )
}
