import { describe, expect, expectTypeOf, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import type { DataTableColumn } from '../../../data-table/dataTable.types.js'
import { DataTable } from '../DataTable.js'
import type { DataTableCellContext } from '../DataTableRow.js'

interface Task {
  id: string
  title: string
  done: boolean
}

const tasks: Task[] = [{ id: 't1', title: 'Write', done: false }]
const columns: DataTableColumn<Task>[] = [{ field: 'title', header: 'Title' }]

describe('<DataTable> (Vue) typing', () => {
  it('types rows in emits, onCellEdit and slots from the Row it is given', () => {
    const activated: string[] = []
    const wrapper = mount(() =>
      h(
        DataTable<Task>,
        {
          label: 'Tasks',
          rows: tasks,
          columns,
          onRowActivate: (row, rowId) => {
            expectTypeOf(row).toEqualTypeOf<Task>()
            activated.push(`${rowId}:${row.title}`)
          },
          onRowsChange: (rows) => expectTypeOf(rows).toEqualTypeOf<readonly Task[]>(),
          onCellEdit: (row, field, value) => {
            expectTypeOf(row).toEqualTypeOf<Task>()
            expectTypeOf(field).toBeString()
            expectTypeOf(value).toBeUnknown()
          },
        },
        {
          cell: (cell: DataTableCellContext<Task>) => cell.row.title.toUpperCase(),
        },
      ),
    )
    expect(wrapper.text()).toContain('WRITE')
    // @ts-expect-error: a row of another shape is refused
    void h(DataTable<Task>, { label: 'Tasks', rows: [{ id: 1 }], columns })
  })
})
