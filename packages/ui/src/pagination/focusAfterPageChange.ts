// Where focus goes once the user has moved to another page: the same for every view.

/**
 * Moves focus after a page change the user asked for, once the new page is rendered: to
 * `target` (the table or list being paged) when there is one; otherwise focus stays where it is,
 * unless the pressed button was disabled by the move (next onto the last page), in which case
 * it goes to the current page's button, else the first enabled button of `nav`.
 */
export function focusAfterPageChange(
  nav: HTMLElement | null,
  target: HTMLElement | null | undefined,
): void {
  if (target) return target.focus()
  const active = nav?.ownerDocument.activeElement
  if (!nav || (nav.contains(active ?? null) && !(active as HTMLButtonElement).disabled)) return
  const fallback =
    nav.querySelector<HTMLElement>('[aria-current="page"]') ??
    nav.querySelector<HTMLElement>('button:not(:disabled)')
  fallback?.focus()
}
