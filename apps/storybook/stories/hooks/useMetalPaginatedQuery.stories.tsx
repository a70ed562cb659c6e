import { useId } from 'react'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { MetalProvider, useMetalPaginatedQuery } from '@metal/react'
import { closeDemoClients } from '../support/demoClients.js'
import { load, plays, type City, type Loaded } from './useMetalPaginatedQuery.shared.js'

/** A list that grows: "More" appends the next page of three, read after the last row. */
function CityList() {
  const titleId = useId()
  const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useMetalPaginatedQuery<City>(
    'cities',
    (q) => q.orderBy('name'),
    { pageSize: 3 },
  )
  return (
    <div className="metal-demo-card" role="group" aria-labelledby={titleId}>
      <h2 id={titleId}>Cities</h2>
      <ul aria-label="Cities">
        {data?.pages.flat().map((city) => (
          <li key={city.id}>{city.name}</li>
        ))}
      </ul>
      <button
        className="metal-demo-button"
        type="button"
        disabled={!hasNextPage || isFetchingNextPage}
        onClick={() => void fetchNextPage()}
      >
        More
      </button>
    </div>
  )
}

/**
 * `useMetalPaginatedQuery(query, options?)` is a TanStack infinite query over Metal pages:
 * `pageSize` rows a page, cursor pages (`startAfter` the last row) by default or `mode:
 * 'offset'`. The first page is live; later pages are read once.
 *
 * ```tsx
 * const { data, fetchNextPage, hasNextPage } = useMetalPaginatedQuery<City>(
 *   'cities', (q) => q.orderBy('name'), { pageSize: 3 },
 * )
 * ```
 */
const meta = {
  title: 'Hooks/useMetalPaginatedQuery',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => (
    <MetalProvider client={(loaded as Loaded).metal}>
      <CityList />
    </MetalProvider>
  ),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** Three pages of three, then no more: the button turns off on the last page. */
export const LoadMore: Story = {
  play: plays.LoadMore,
}

/** The first page is live: a city that sorts first, added by another user, shows at the top. */
export const LiveFirstPage: Story = {
  play: plays.LiveFirstPage,
}
