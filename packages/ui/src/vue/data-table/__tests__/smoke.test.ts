import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { DataTable } from '../DataTable.js'

const rows = Array.from({ length: 30 }, (_, i) => ({ id: `p${i + 1}`, name: `Person ${i + 1}`, age: 20 + i }))
const columns = [
  { field: 'name', header: 'Name', editable: true },
  { field: 'age', header: 'Age', type: 'number' as const },
]

describe('smoke', () => {
  it('renders', async () => {
    mount(DataTable, { props: { label: 'People', rows, columns, defaultPageSize: 10, selectable: true }, attachTo: document.body })
    const grid = screen.getByRole('grid', { name: 'People' })
    expect(within(grid).getAllByRole('row')).toHaveLength(11)
    const user = userEvent.setup()
    await user.click(within(grid).getByRole('columnheader', { name: 'Age' }))
    expect(within(grid).getByRole('columnheader', { name: 'Age' }).getAttribute('aria-sort')).toBe('ascending')
    await user.click(screen.getByRole('checkbox', { name: 'Select row p1' }))
    expect(screen.getByText('1 selected')).toBeTruthy()
    within(grid).getByRole('columnheader', { name: 'Name' }).focus()
    await user.keyboard('{ArrowDown}{Enter}')
    const editor = within(grid).getByRole('textbox', { name: 'Name' })
    await user.clear(editor)
    await user.type(editor, 'Ada{Enter}')
    expect(document.activeElement?.textContent).toContain('Person 1')
  })
})
