import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { Pagination } from '../Pagination.js'
import { usePagination } from '../usePagination.js'

const range = (root: Element) => root.querySelector('[data-part="range"]')?.textContent
const byLabel = (root: Element, label: string) =>
  root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`) as HTMLButtonElement

describe('<Pagination> (Vue)', () => {
  it('v-model:page and v-model:pageSize: the parent’s refs follow the user, and drive the view', async () => {
    const page = ref(1)
    const pageSize = ref(20)
    const wrapper = mount(
      defineComponent(
        () => () =>
          h(Pagination, {
            total: 135,
            page: page.value,
            'onUpdate:page': (p: number) => (page.value = p),
            pageSize: pageSize.value,
            'onUpdate:pageSize': (s: number) => (pageSize.value = s),
          }),
      ),
      { attachTo: document.body },
    )
    byLabel(wrapper.element, 'Next page').click()
    await wrapper.vm.$nextTick()
    expect(page.value).toBe(2)
    expect(range(wrapper.element)).toBe('21–40 of 135')

    page.value = 5
    await wrapper.vm.$nextTick()
    expect(range(wrapper.element)).toBe('81–100 of 135')
    pageSize.value = 50
    await wrapper.vm.$nextTick()
    expect(range(wrapper.element)).toBe('101–135 of 135') // page 5 clamps to the last, 3
  })

  it('emits update:page and update:pageSize with the new values, typed', async () => {
    const wrapper = mount(Pagination, {
      props: { total: 135, defaultPage: 2, defaultPageSize: 10 },
    })
    await wrapper.get('button[aria-label="Page 3"]').trigger('click')
    await wrapper.get('button[aria-label="First page"]').trigger('click')
    expect(wrapper.emitted('update:page')).toEqual([[3], [1]])
    expect(range(wrapper.element)).toBe('1–10 of 135')
    expect(wrapper.emitted('update:pageSize')).toBeUndefined()
  })

  it('puts fallthrough class and attributes on the <nav>, keeping its own class, and exposes it', () => {
    const wrapper = mount(Pagination, {
      props: { total: 10 },
      attrs: { class: 'mine', 'data-testid': 'pager' },
    })
    const nav = wrapper.get('nav')
    expect(nav.classes()).toEqual(['metal-pagination', 'mine'])
    expect(nav.attributes('data-testid')).toBe('pager')
    expect((wrapper.vm as unknown as { el: HTMLElement }).el).toBe(nav.element)
  })

  it('hides the rows-per-page menu and the first/last buttons when asked', () => {
    const wrapper = mount(Pagination, {
      props: { total: 100, showPageSize: false, showFirstLast: false },
    })
    expect(wrapper.find('[data-part="page-size"]').exists()).toBe(false)
    expect(wrapper.find('[data-part="first-trigger"]').exists()).toBe(false)
    expect(wrapper.find('[data-part="last-trigger"]').exists()).toBe(false)
  })

  it('takes a template ref as its focus target', async () => {
    const wrapper = mount(
      defineComponent(() => {
        const table = ref<HTMLElement | null>(null)
        return () => [
          h('table', { ref: table, tabindex: -1, 'aria-label': 'Users' }),
          h(Pagination, { total: 135, focusTarget: table }),
        ]
      }),
      { attachTo: document.body },
    )
    await wrapper.get('button[aria-label="Next page"]').trigger('click')
    await wrapper.vm.$nextTick()
    expect(document.activeElement).toBe(wrapper.get('table').element)
  })
})

describe('usePagination (Vue)', () => {
  it('follows refs and getters and returns Vue-spelled prop getters for a custom view', async () => {
    const total = ref(45)
    let api!: ReturnType<typeof usePagination>
    const wrapper = mount(
      defineComponent(() => {
        api = usePagination(() => ({ total: total.value, id: 'p' }))
        return () =>
          h('nav', api.value.getRootProps(), [
            h('p', api.value.getRangeProps(), api.value.info.label),
            h('button', api.value.getNextTriggerProps()),
          ])
      }),
    )
    expect(api.value.getNextTriggerProps()).toHaveProperty('onClick')
    await wrapper.get('button').trigger('click')
    expect(wrapper.get('p').text()).toBe('21–40 of 45')
    total.value = 15
    await wrapper.vm.$nextTick()
    expect(wrapper.get('p').text()).toBe('1–15 of 15')
    expect(api.value.state.page).toBe(1)
  })
})
