/**
 * A connect function's button props (calendar button, month buttons) in the shape the React and
 * Vue IconButton views take: the accessible name becomes `label`, and the part attributes go,
 * since IconButton sets its own styling parts.
 */
export function asIconButton<
  P extends { 'aria-label': string; 'data-scope': string; 'data-part': string },
>(props: P): Omit<P, 'aria-label' | 'data-scope' | 'data-part'> & { label: string } {
  const { 'aria-label': label, 'data-scope': scope, 'data-part': part, ...rest } = props
  void scope
  void part
  return { ...rest, label }
}
