import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { QueryClient } from '@tanstack/vue-query'
import type { Metal } from '@metal/core'
import { MetalPlugin } from '@metal/vue'
import { describeDataTableBehaviour } from '../../../__tests__/behaviour/dataTable.suite.js'
import type { NeutralDataTableProps } from '../../../__tests__/behaviour/dataTable.suite.js'
import { DataTable } from '../../data-table/DataTable.js'

/**
 * The neutral (React-named) props as the Vue table takes them: a callback of a `v-model` value
 * becomes its `onUpdate:` listener; the rest keep their names (`onCellEdit`, `onRetry` and
 * `onRowActivate` bind as `@cell-edit`, `@retry` and `@row-activate`).
 */
function toVue(props: NeutralDataTableProps): Record<string, unknown> {
  const { onSelectionChange, ...rest } = props
  return { ...rest, 'onUpdate:selection': onSelectionChange }
}

describeDataTableBehaviour({
  renderer: 'vue',
  async render(props, metal?: Metal) {
    const queryClient = new QueryClient()
    const wrapper = mount(DataTable, {
      props: toVue(props) as never,
      attachTo: document.body,
      global: { plugins: metal ? [[MetalPlugin, { client: metal, queryClient }]] : [] },
    })
    await nextTick()
    let shown = toVue(props)
    return {
      async rerender(next) {
        const vue = toVue(next)
        // Props left out go back to undefined, as a React re-render leaves them out.
        const cleared = Object.fromEntries(Object.keys(shown).map((key) => [key, undefined]))
        shown = vue
        await wrapper.setProps({ ...cleared, ...vue } as never)
      },
      unmount() {
        wrapper.unmount()
        queryClient.clear()
      },
    }
  },
})
