// The users the DataTable stories show, and a finder for the parts of their table.
import { within } from 'storybook/test'
import type { Metal } from '@metal/core'
import type { DataTableColumn } from '@metal/ui'
import { demoBackend, demoClient } from './demoClients.js'

export interface User {
  id: string
  name: string
  email: string
  age: number
  role: string
  active: boolean
  joined: number
  address: { city: string }
}

const CITIES = ['Lima', 'Oslo', 'Pune', 'Kyoto', 'Accra']
const ROLES = ['admin', 'editor', 'viewer']
export const USERS: User[] = Array.from({ length: 135 }, (_, i) => ({
  id: `u${String(i + 1).padStart(3, '0')}`,
  name: `User ${String(i + 1).padStart(3, '0')}`,
  email: `user${i + 1}@example.com`,
  age: 18 + ((i * 7) % 50),
  role: ROLES[i % 3] as string,
  active: i % 4 !== 0,
  joined: Date.UTC(2024, i % 12, 1 + (i % 28)),
  address: { city: CITIES[i % 5] as string },
}))

export const columns: DataTableColumn<User>[] = [
  {
    field: 'name',
    header: 'Name',
    width: 140,
    editable: true,
    validate: (v) => (v ? null : 'Required'),
  },
  { field: 'email', header: 'Email', width: 220 },
  { field: 'age', header: 'Age', type: 'number', width: 90, editable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ROLES, width: 110, editable: true },
  { field: 'active', header: 'Active', type: 'boolean', width: 100 },
  { field: 'joined', header: 'Joined', type: 'date', width: 140 },
  { field: 'address.city', header: 'City', width: 120 },
]

/** The "Users" grid of a story and the parts its play functions read. */
export function usersTableParts(canvasElement: HTMLElement) {
  const canvas = within(canvasElement)
  const grid = () => canvas.getByRole('grid', { name: 'Users' })
  return {
    canvas,
    grid,
    header: (name: string) => within(grid()).getByRole('columnheader', { name: new RegExp(name) }),
    firstCells: () =>
      within(grid())
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.querySelectorAll('[data-part="cell-value"]')[0]?.textContent),
  }
}

/** What {@link loadUsers} gives a story: this user's client, and another user's. */
export interface UsersLoaded {
  metal: Metal
  otherUser: Metal
}

/**
 * A bound table story's loader: two clients on one embedded backend, the first 40 users written
 * to `users` (a story's `beforeEach` closes them with `closeDemoClients`).
 */
export async function loadUsers({ id }: { id: string }): Promise<UsersLoaded> {
  const backend = demoBackend()
  const metal = demoClient(id, { backend })
  const otherUser = demoClient(id, { backend })
  const batch = metal.db().batch()
  for (const { id: docId, ...user } of USERS.slice(0, 40)) {
    batch.set(metal.db().collection('users').doc(docId), user)
  }
  await batch.commit()
  return { metal, otherUser }
}
