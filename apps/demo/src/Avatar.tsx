/** Initials of a name: "Alice Admin" → "AA". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean)
  return (
    parts
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join('') || '?'
  )
}

const HUES = [210, 140, 20, 280, 340, 50, 180, 100]

/** A stable hue per name, so one person keeps one colour on every screen. */
function hue(name: string): number {
  let h = 0
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0
  return HUES[h % HUES.length]!
}

/** A round avatar with a person's initials; `title` names them. */
export function Avatar({ name, label }: { name: string; label?: string }) {
  return (
    <span
      className="demo-avatar"
      style={{ '--demo-avatar-hue': hue(name) } as React.CSSProperties}
      title={label ?? name}
      aria-hidden={label ? undefined : true}
      role={label ? 'img' : undefined}
      aria-label={label}
    >
      {initials(name)}
    </span>
  )
}
