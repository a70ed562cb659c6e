import { useMemo } from 'react'
import { CollectionPage } from '@metal/ui/react'
import { NEWEST_FIRST, ROLES, TIMESTAMPS, userColumns, userSchema } from '../schemas.js'
import { useViewer } from '../viewer.js'

/** Users: everyone sees the directory; only admins add, remove or change roles. */
export function UsersPage() {
  const viewer = useViewer()
  const schema = useMemo(() => userSchema(viewer.isAdmin), [viewer.isAdmin])
  return (
    <CollectionPage
      collection="users"
      title="Users"
      schema={schema}
      columns={userColumns}
      canCreate={viewer.isAdmin}
      canDelete={viewer.isAdmin}
      canEdit={viewer.isAdmin}
      bulkActions={
        viewer.isAdmin ? [{ label: 'Set role', field: 'role', options: [...ROLES] }] : []
      }
      presence={{ userId: viewer.userId, name: viewer.name }}
      timestamps={TIMESTAMPS}
      tableProps={NEWEST_FIRST}
    />
  )
}
