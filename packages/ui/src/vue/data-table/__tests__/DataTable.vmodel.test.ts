import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import type {
  DataTableColumn,
  DataTableFilter,
  DataTableSelection,
  DataTableSort,
} from '../../../data-table/dataTable.types.js'
import { DataTable } from '../DataTable.js'

interface Person {
  id: string
  name: string
  age: number
}

const PEOPLE: Person[] = Array.from({ length: 30 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `Person ${String(i + 1).padStart(2, '0')}`,
  age: 60 - i,
}))
const columns: DataTableColumn<Person>[] = [
  { field: 'name', header: 'Name' },
  { field: 'age', header: 'Age', type: 'number' },
]

const grid = () => screen.getByRole('grid', { name: 'People' })
const bodyRows = () => within(grid()).getAllByRole('row').slice(1)
const names = () => bodyRows().map((r) => r.querySelector('[data-part="cell-value"]')?.textContent)

describe('<DataTable> (Vue) v-model bindings', { timeout: 30_000 }, () => {
  it('follows v-model:page and v-model:pageSize both ways', async () => {
    const wrapper = mount(DataTable<Person>, {
      props: { label: 'People', rows: PEOPLE, columns, page: 2, pageSize: 10 },
      attachTo: document.body,
    })
    expect(names()[0]).toBe('Person 11')
    await wrapper.setProps({ page: 3 })
    expect(names()[0]).toBe('Person 21')
    await wrapper.setProps({ pageSize: 5 })
    expect(bodyRows()).toHaveLength(5)
    // Sorting starts over at page 1: the table says so through update:page.
    await userEvent.setup().click(within(grid()).getByRole('columnheader', { name: 'Age' }))
    expect(wrapper.emitted('update:page')?.at(-1)).toEqual([1])
    expect(names()[0]).toBe('Person 30')
  })

  it('keeps page, sorting, filters and selection itself when they are not bound', async () => {
    const user = userEvent.setup()
    const wrapper = mount(DataTable<Person>, {
      props: {
        label: 'People',
        rows: PEOPLE,
        columns,
        defaultPageSize: 5,
        defaultSorting: [{ id: 'age', direction: 'asc' }],
        selectable: true,
      },
      attachTo: document.body,
    })
    expect(names()[0]).toBe('Person 30')
    await user.click(within(grid()).getByRole('columnheader', { name: 'Age' }))
    expect(wrapper.emitted('update:sorting')?.at(-1)).toEqual([[{ id: 'age', direction: 'desc' }]])
    expect(names()[0]).toBe('Person 01')
    await user.click(screen.getByRole('checkbox', { name: 'Select row p2' }))
    expect(wrapper.emitted('update:selection')?.at(-1)).toEqual([{ all: false, ids: ['p2'] }])
  })

  it('binds v-model:sorting, v-model:filters and v-model:selection to a parent’s refs', async () => {
    const user = userEvent.setup()
    const sorting = ref<readonly DataTableSort[]>([{ id: 'name', direction: 'desc' }])
    const filters = ref<Readonly<Record<string, DataTableFilter>>>({})
    const selection = ref<DataTableSelection>({ all: false, ids: ['p30'] })
    const Parent = defineComponent(
      () => () =>
        h(DataTable<Person>, {
          label: 'People',
          rows: PEOPLE,
          columns,
          selectable: true,
          defaultPageSize: 5,
          sorting: sorting.value,
          'onUpdate:sorting': (next: readonly DataTableSort[]) => (sorting.value = next),
          filters: filters.value,
          'onUpdate:filters': (next: Readonly<Record<string, DataTableFilter>>) =>
            (filters.value = next),
          selection: selection.value,
          'onUpdate:selection': (next: DataTableSelection) => (selection.value = next),
        }),
    )
    mount(Parent, { attachTo: document.body })
    expect(names()[0]).toBe('Person 30')
    expect(bodyRows()[0]?.getAttribute('aria-selected')).toBe('true')
    sorting.value = [{ id: 'age', direction: 'desc' }]
    await nextTick()
    expect(names()[0]).toBe('Person 01')
    filters.value = { age: { kind: 'range', max: 40 } }
    await nextTick()
    expect(names()[0]).toBe('Person 21')
    selection.value = { all: true, ids: ['p21'] }
    await nextTick()
    expect(bodyRows().map((r) => r.getAttribute('aria-selected'))).toEqual([
      'false',
      'true',
      'true',
      'true',
      'true',
    ])
    await user.click(within(grid()).getByRole('columnheader', { name: 'Name' }))
    expect(sorting.value).toEqual([{ id: 'name', direction: 'asc' }])
    await user.click(screen.getByRole('checkbox', { name: 'Select row p21' }))
    expect(selection.value).toEqual({ all: true, ids: [] })
    await user.click(screen.getByRole('button', { name: /Filters/ }))
    await user.clear(screen.getByRole('spinbutton', { name: 'Age to' }))
    expect(filters.value).toEqual({})
    expect(grid().getAttribute('aria-rowcount')).toBe('31')
  })
})
