import { useState } from 'react'
import type { DataTableColumn } from '@metal/ui'
import { DataTable } from '@metal/ui/react'

interface Person {
  id: string
  name: string
  email: string
  age: number | null
  joined: string // ISO date
  active: boolean
  role: 'admin' | 'editor' | 'viewer'
  address: { city: string }
}

const columns: DataTableColumn<Person>[] = [
  {
    field: 'name',
    header: 'Name',
    editable: true,
    validate: (value) => (String(value).trim() ? null : 'A name is required'),
  },
  { field: 'email', header: 'Email', width: 240 },
  { field: 'age', header: 'Age', type: 'number', editable: true, width: 96 },
  { field: 'joined', header: 'Joined', type: 'date' },
  { field: 'active', header: 'Active', type: 'boolean' },
  {
    field: 'role',
    header: 'Role',
    type: 'enum',
    editable: true,
    options: [
      { value: 'admin', label: 'Administrator' },
      { value: 'editor', label: 'Editor' },
      { value: 'viewer', label: 'Viewer' },
    ],
  },
  { field: 'address.city', header: 'City', hidden: true },
  {
    id: 'initials',
    header: 'Initials',
    type: 'custom',
    format: (_value, row) =>
      row.name
        .split(' ')
        .map((part) => part[0])
        .join(''),
  },
]

export function People({ initial }: { initial: Person[] }) {
  const [people, setPeople] = useState(initial)
  return (
    <DataTable<Person>
      label="People"
      rows={people}
      columns={columns}
      selectable
      defaultSorting={[{ id: 'name', direction: 'asc' }]}
      defaultPageSize={25}
      onCellEdit={async (row, field, value) => {
        // The cell shows the new value at once; if this rejects it goes back, with the error.
        const response = await fetch(`/api/people/${row.id}`, {
          method: 'PATCH',
          body: JSON.stringify({ [field]: value }),
        })
        if (!response.ok) throw new Error(`Not saved (${response.status})`)
        setPeople((all) => all.map((p) => (p.id === row.id ? { ...p, [field]: value } : p)))
      }}
    />
  )
}
