// Scroll anchoring for live rows. When rows arrive or leave above the viewport, the view moves
// its scroll position by the same height, so the row the user was reading stays exactly where
// it was, and counts the arrivals for the "N new rows" pill. Pure arithmetic over row ids and a
// uniform row height; the view reads and writes the scroll position.

/** The row at the top of the viewport and how far the viewport has scrolled into it. */
export interface DataTableScrollAnchor {
  readonly rowId: string
  /** Its index among the rows. */
  readonly index: number
  /** Pixels of the row above the viewport's top edge (0 ≤ offset < rowHeight). */
  readonly offset: number
}

/**
 * The first row in view at `scrollTop`, or `null` at the very top (there, arriving rows are in
 * view and simply show) or when there are no rows.
 */
export function getScrollAnchor(
  rowIds: readonly string[],
  scrollTop: number,
  rowHeight: number,
): DataTableScrollAnchor | null {
  if (scrollTop <= 0 || rowIds.length === 0 || !(rowHeight > 0)) return null
  const index = Math.min(Math.floor(scrollTop / rowHeight), rowIds.length - 1)
  return { rowId: rowIds[index] as string, index, offset: scrollTop - index * rowHeight }
}

/**
 * Where to scroll after the rows changed from `before` to `after` so that `anchor` stays put,
 * and how many rows arrived above it. If the anchor row itself left, the next surviving row
 * below it is kept in its place; if none survives, the scroll position stays.
 */
export function getAnchoredScroll(
  anchor: DataTableScrollAnchor,
  before: readonly string[],
  after: readonly string[],
  rowHeight: number,
): { scrollTop: number; added: number } {
  const at = new Map(after.map((id, i) => [id, i]))
  let index = -1
  let offset = anchor.offset
  for (let i = anchor.index; i < before.length && index === -1; i++) {
    index = at.get(before[i] as string) ?? -1
    if (i > anchor.index) offset = 0
  }
  if (index === -1) return { scrollTop: anchor.index * rowHeight + anchor.offset, added: 0 }
  const known = new Set(before)
  let added = 0
  for (let i = 0; i < index; i++) if (!known.has(after[i] as string)) added++
  return { scrollTop: index * rowHeight + offset, added }
}
