/** Key of a document path. */
export function pathKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}
