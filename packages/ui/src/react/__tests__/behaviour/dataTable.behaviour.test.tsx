import type { ReactNode } from 'react'
import { act, render } from '@testing-library/react'
import { QueryClient } from '@tanstack/react-query'
import type { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import { describeDataTableBehaviour } from '../../../__tests__/behaviour/dataTable.suite.js'
import type { NeutralDataTableProps } from '../../../__tests__/behaviour/dataTable.suite.js'
import { DataTable, type DataTableProps } from '../../data-table/DataTable.js'

// The React view takes the neutral props as they are.
describeDataTableBehaviour({
  renderer: 'react',
  async render(props, metal?: Metal) {
    const queryClient = new QueryClient()
    const wrap = (node: ReactNode) =>
      metal ? (
        <MetalProvider client={metal} queryClient={queryClient}>
          {node}
        </MetalProvider>
      ) : (
        node
      )
    const view = (p: NeutralDataTableProps) => wrap(<DataTable {...(p as DataTableProps)} />)
    const result = render(view(props))
    return {
      async rerender(next) {
        await act(async () => result.rerender(view(next)))
      },
      unmount() {
        result.unmount()
        queryClient.clear()
      },
    }
  },
})
