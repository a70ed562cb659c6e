import { useRef, useState } from 'react'
import type { Conflict, ConflictResolution, DocumentData } from '@metal/core'
import { useMetalSync } from '@metal/react'
import { Button, Dialog } from '@metal/ui/react'

interface Open {
  conflict: Conflict
  settle: (resolution: ConflictResolution) => void
}

/** The fields whose values differ between two versions of a document. */
function changedFields(a: DocumentData | null, b: DocumentData | null): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])
  return [...keys]
    .filter((k) => k !== 'updatedAt' && JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k]))
    .sort()
}

function show(value: unknown): string {
  if (value === undefined) return '—'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/**
 * Settles offline conflicts of a collection by asking the user: a queued write whose document
 * someone else changed meanwhile opens this dialog, showing both versions of what differs.
 * "Keep mine" writes the local version; "Keep theirs" drops the local write.
 */
export function ConflictDialog({ collection }: { collection: string }) {
  const queue = useRef<Open[]>([])
  const [current, setCurrent] = useState<Open | null>(null)

  useMetalSync(collection, {
    conflict: 'server-wins',
    onConflict: (conflict) =>
      new Promise<ConflictResolution>((resolve) => {
        const open: Open = {
          conflict,
          settle: (resolution) => {
            resolve(resolution)
            queue.current = queue.current.filter((o) => o !== open)
            setCurrent(queue.current[0] ?? null)
          },
        }
        queue.current.push(open)
        setCurrent((c) => c ?? open)
      }),
  })

  const c = current?.conflict
  const fields = c ? changedFields(c.local, c.remote) : []
  const title = (c?.local?.title ?? c?.remote?.title ?? c?.id) as string | undefined
  return (
    <Dialog
      open={current !== null}
      // Someone has to choose: neither Escape nor the scrim settles a conflict.
      onClose={() => {}}
      closeOnScrim={false}
      className="demo-conflict"
      title={c ? `Someone else changed “${title}”` : ''}
      actions={
        current &&
        c && (
          <>
            <Button variant="text" onClick={() => current.settle(undefined)}>
              Keep theirs
            </Button>
            <Button onClick={() => current.settle(c.local)}>Keep mine</Button>
          </>
        )
      }
    >
      {current && c && (
        <>
          <p>
            {c.remote === null
              ? 'It was deleted while you were offline.'
              : 'It changed while you were offline. Which version should be kept?'}
          </p>
          <table className="demo-conflict-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Yours</th>
                <th scope="col">Theirs</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((f) => (
                <tr key={f}>
                  <th scope="row">{f}</th>
                  <td>{show(c.local?.[f])}</td>
                  <td>{show(c.remote?.[f])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  )
}
