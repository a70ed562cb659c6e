// Counts React row re-renders the way React DevTools' "highlight updates" does, for any grid:
// a stand-in for the DevTools hook (installed before react-dom loads, so this module must be
// imported first) walks each committed fiber tree. A row counts as re-rendered when its host
// element (role="row", aria-rowindex > 1, i.e. not the header) got new props in the commit,
// which happens exactly when the component that renders it ran again. Subtrees React bailed out
// of (memoized rows) keep their old child fibers and are skipped.

interface Fiber {
  tag: number
  memoizedProps: Record<string, unknown> | null
  alternate: Fiber | null
  child: Fiber | null
  sibling: Fiber | null
}

const HOST_COMPONENT = 5

export interface RenderCount {
  /** React commits seen while counting. */
  commits: number
  /** Row renders summed over those commits. */
  rowRenders: number
  /** Distinct rows that re-rendered at least once. */
  rows: Set<string>
}

let current: RenderCount | null = null

export function startCounting(): RenderCount {
  current = { commits: 0, rowRenders: 0, rows: new Set() }
  return current
}

export function stopCounting(): void {
  current = null
}

function rowKey(props: Record<string, unknown>): string | null {
  if (props.role !== 'row') return null
  if (Number(props['aria-rowindex']) <= 1) return null
  const id = props['data-row-id'] ?? props['data-id'] ?? props['aria-rowindex']
  return String(id)
}

function walk(root: Fiber, count: RenderCount): void {
  const stack: Fiber[] = [root]
  while (stack.length > 0) {
    const fiber = stack.pop() as Fiber
    const prev = fiber.alternate
    if (fiber.tag === HOST_COMPONENT && fiber.memoizedProps) {
      const key = rowKey(fiber.memoizedProps)
      if (key !== null && (prev === null || prev.memoizedProps !== fiber.memoizedProps)) {
        count.rowRenders += 1
        count.rows.add(key)
      }
    }
    if (fiber.sibling) stack.push(fiber.sibling)
    if (fiber.child && (prev === null || prev.child !== fiber.child)) stack.push(fiber.child)
  }
}

const hook = {
  supportsFiber: true,
  isDisabled: false,
  renderers: new Map<number, unknown>(),
  inject(renderer: unknown): number {
    hook.renderers.set(1, renderer)
    return 1
  },
  onCommitFiberRoot(_id: number, root: { current: Fiber }): void {
    if (!current) return
    current.commits += 1
    // The root's own children are new each commit; start below the root.
    if (root.current.child) walk(root.current.child, current)
  },
  onCommitFiberUnmount(): void {},
  onPostCommitFiberRoot(): void {},
  onScheduleFiberRoot(): void {},
  setStrictMode(): void {},
  checkDCE(): void {},
}

;(globalThis as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook
