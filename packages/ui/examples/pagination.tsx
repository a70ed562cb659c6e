import { useRef, useState } from 'react'
import { Pagination } from '@metal/ui/react'

export function OffsetPages() {
  const [page, setPage] = useState(1)
  const [pageSize, setPageSize] = useState(20)
  const tableRef = useRef<HTMLTableElement>(null)
  return (
    <Pagination
      total={135} // offset mode: the total is known
      page={page} // controlled; or defaultPage for uncontrolled
      onPageChange={setPage}
      pageSize={pageSize}
      onPageSizeChange={setPageSize}
      pageSizeOptions={[10, 20, 50, 100]}
      focusTarget={tableRef} // focus moves here after a page change
    />
  )
}

export function CursorPages({ hasNextPage, rows }: { hasNextPage: boolean; rows: unknown[] }) {
  const [page, setPage] = useState(1)
  return (
    <Pagination
      mode="cursor"
      page={page}
      onPageChange={setPage}
      hasNextPage={hasNextPage} // e.g. from useMetalPaginatedQuery
      pageItemCount={rows.length} // so the last page reads "41–47 of 47"
    />
  )
}
