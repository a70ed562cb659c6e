import { mount } from '@vue/test-utils'
import {
  describePaginationBehaviour,
  type NeutralPaginationProps,
} from '../../../__tests__/behaviour/pagination.suite.js'
import { Pagination } from '../../pagination/Pagination.js'

/** React's callbacks are Vue's emits: `onPageChange` → `update:page`, and so on. */
function toVue({ onPageChange, onPageSizeChange, ...props }: NeutralPaginationProps) {
  return {
    ...props,
    ...(onPageChange ? { 'onUpdate:page': onPageChange } : {}),
    ...(onPageSizeChange ? { 'onUpdate:pageSize': onPageSizeChange } : {}),
  }
}

// Each mount is an app of its own, whose useId() would start over: one prefix per app, as the
// ids of one real app are unique.
let apps = 0

describePaginationBehaviour({
  renderer: 'vue',
  async render(props) {
    const wrapper = mount(Pagination, {
      props: toVue(props),
      attachTo: document.body,
      global: { config: { idPrefix: `app${++apps}` } },
    })
    return {
      async rerender(next) {
        // Props left out go back to their defaults, as in a React re-render.
        const cleared = Object.fromEntries(Object.keys(wrapper.props()).map((k) => [k, undefined]))
        await wrapper.setProps({ ...cleared, ...toVue(next) })
      },
      unmount: () => wrapper.unmount(),
    }
  },
})
