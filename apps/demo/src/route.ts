import { useCallback, useSyncExternalStore } from 'react'

/** The app's pages, by path. */
export const PAGES = ['tasks', 'users', 'jobs'] as const
export type Page = (typeof PAGES)[number]

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  return () => window.removeEventListener('popstate', onChange)
}

function currentPage(): Page {
  const name = location.pathname.replace(/^\/+|\/+$/g, '')
  return (PAGES as readonly string[]).includes(name) ? (name as Page) : 'tasks'
}

/** The page in the address bar, and a way to go to another (history.pushState). */
export function usePage(): [Page, (page: Page) => void] {
  const page = useSyncExternalStore(subscribe, currentPage)
  const go = useCallback((next: Page) => {
    if (next === currentPage()) return
    history.pushState(null, '', `/${next}`)
    dispatchEvent(new PopStateEvent('popstate'))
  }, [])
  return [page, go]
}
