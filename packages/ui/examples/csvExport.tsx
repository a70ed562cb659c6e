import type { DataTableColumn } from '@metal/ui'
import { DataTable } from '@metal/ui/react'

type User = { name: string; email: string; visits: number }
const columns: DataTableColumn<User>[] = [
  { field: 'name', header: 'Name' },
  { field: 'email', header: 'Email' },
  { field: 'visits', header: 'Visits', type: 'number' },
]

export const LiveUsers = () => (
  <DataTable label="Users" collection="users" columns={columns} csvExport />
)
export const UserList = ({ users }: { users: User[] }) => (
  <DataTable
    label="Users"
    rows={users}
    columns={columns}
    csvExport={{ fileName: 'users.csv', values: 'raw' }}
  />
)
