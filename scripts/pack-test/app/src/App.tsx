// A tiny app on the packed tarballs: a live DataTable on an embedded Metal collection and a Form
// that adds to it. If a declared peer is missing, or a type or export is wrong, tsc or vite fail.
import { useState } from 'react'
import { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import { createTheme, type DataTableColumn, type EntityDefinition } from '@metal/ui'
import { DataTable, Form, MetalUiProvider } from '@metal/ui/react'

interface Task {
  title: string
  status: 'todo' | 'doing' | 'done'
  estimate: number | null
}

const metal = new Metal()
const theme = createTheme('#0b57d0')

const columns: DataTableColumn<Task>[] = [
  { field: 'title', header: 'Title', editable: true },
  { field: 'status', header: 'Status', type: 'enum', options: ['todo', 'doing', 'done'] },
  { field: 'estimate', header: 'Estimate', type: 'number' },
]

const taskEntity: EntityDefinition = {
  name: 'task',
  label: 'New task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true } },
    { name: 'status', type: 'enum', label: 'Status', options: ['todo', 'doing', 'done'] },
    { name: 'estimate', type: 'number', label: 'Estimate', rules: { min: 0 } },
  ],
}

export function App() {
  const [saved, setSaved] = useState(0)
  return (
    <MetalProvider client={metal}>
      <MetalUiProvider>
        <style>{theme.toCss()}</style>
        <main>
          <DataTable<Task> label="Tasks" collection="tasks" columns={columns} selectable />
          <Form
            schema={taskEntity}
            collection="tasks"
            defaultValues={{ status: 'todo' }}
            onSubmit={() => setSaved((n) => n + 1)}
          />
          <p>{saved} saved</p>
        </main>
      </MetalUiProvider>
    </MetalProvider>
  )
}
