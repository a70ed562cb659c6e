/** What a screen reader hears as the element's description (its aria-describedby texts). */
export function description(el: Element): string {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => {
      const part = document.getElementById(id)!
      const clone = part.cloneNode(true) as HTMLElement
      clone.querySelectorAll('[aria-hidden="true"]').forEach((n) => n.remove())
      return clone.textContent
    })
    .join(' ')
}
