import { onScopeDispose, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'

/**
 * Ids of rows that changed in place (same id, new object) since the rows last shown in the same
 * view, for `highlightMs`. Moving to another page, sort or filter highlights nothing.
 */
export function useChangedRows<Row>(
  rows: MaybeRefOrGetter<readonly Row[]>,
  getRowId: MaybeRefOrGetter<(row: Row) => string>,
  viewKey: MaybeRefOrGetter<string>,
  highlightMs: MaybeRefOrGetter<number>,
): Readonly<Ref<ReadonlySet<string>>> {
  const changed = shallowRef<ReadonlySet<string>>(new Set())
  // One timer per highlight: a later change must not cancel the end of an earlier one.
  const timers = new Set<ReturnType<typeof setTimeout>>()
  onScopeDispose(() => {
    for (const t of timers) clearTimeout(t)
    timers.clear()
  })
  let previous = { key: '', rows: new Map<string, Row>() }
  watch(
    () => [toValue(rows), toValue(getRowId), toValue(viewKey)] as const,
    ([list, idOf, key]) => {
      const before = previous
      const now = new Map(list.map((row) => [idOf(row), row]))
      previous = { key, rows: now }
      if (before.key !== key || before.rows.size === 0) return
      const ids = [...now]
        .filter(([id, row]) => before.rows.has(id) && before.rows.get(id) !== row)
        .map(([id]) => id)
      if (ids.length === 0) return
      changed.value = new Set([...changed.value, ...ids])
      const timer = setTimeout(() => {
        timers.delete(timer)
        const next = new Set(changed.value)
        for (const id of ids) next.delete(id)
        changed.value = next
      }, toValue(highlightMs))
      timers.add(timer)
    },
    { immediate: true },
  )
  return changed
}
