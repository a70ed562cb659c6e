import { useEffect, useRef, useState } from 'react'

/**
 * Ids of rows that changed in place (same id, new object) since the last render of the same
 * view, for `highlightMs`. Moving to another page, sort or filter highlights nothing.
 */
export function useChangedRows<Row>(
  rows: readonly Row[],
  getRowId: (row: Row) => string,
  viewKey: string,
  highlightMs: number,
): ReadonlySet<string> {
  const previous = useRef<{ key: string; rows: Map<string, Row> }>({ key: '', rows: new Map() })
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set())
  // One timer per highlight, kept across renders: a later change must not cancel the end of an
  // earlier highlight (the row would stay marked for good). All end with the component.
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>())
  useEffect(() => {
    const pending = timers.current
    return () => {
      for (const t of pending) clearTimeout(t)
      pending.clear()
    }
  }, [])
  useEffect(() => {
    const before = previous.current
    const now = new Map(rows.map((row) => [getRowId(row), row]))
    previous.current = { key: viewKey, rows: now }
    if (before.key !== viewKey || before.rows.size === 0) return
    const ids = [...now].filter(([id, row]) => before.rows.has(id) && before.rows.get(id) !== row)
    if (ids.length === 0) return
    setChanged((set) => new Set([...set, ...ids.map(([id]) => id)]))
    const timer = setTimeout(() => {
      timers.current.delete(timer)
      setChanged((set) => {
        const next = new Set(set)
        for (const [id] of ids) next.delete(id)
        return next
      })
    }, highlightMs)
    timers.current.add(timer)
  }, [rows, getRowId, viewKey, highlightMs])
  return changed
}
