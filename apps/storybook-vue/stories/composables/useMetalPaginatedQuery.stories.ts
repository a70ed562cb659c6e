import { computed, defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { useMetalPaginatedQuery } from '@metal/vue'
import { closeDemoClients } from '../support/clients.js'
import {
  load,
  plays,
  type City,
} from '../../../storybook/stories/hooks/useMetalPaginatedQuery.shared.js'

/** A list that grows: "More" appends the next page of three, read after the last row. */
const CityList = defineComponent({
  setup() {
    const { data, fetchNextPage, hasNextPage, isFetchingNextPage } = useMetalPaginatedQuery<City>(
      'cities',
      (q) => q.orderBy('name'),
      { pageSize: 3 },
    )
    return {
      titleId: useId(),
      cities: computed(() => data.value?.pages.flat() ?? []),
      hasNextPage,
      isFetchingNextPage,
      more: () => void fetchNextPage(),
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Cities</h2>
      <ul aria-label="Cities">
        <li v-for="city in cities" :key="city.id">{{ city.name }}</li>
      </ul>
      <button class="metal-demo-button" type="button"
        :disabled="!hasNextPage || isFetchingNextPage" @click="more">More</button>
    </div>`,
})

/**
 * `useMetalPaginatedQuery(collection, buildQuery?, options?)` is a TanStack Vue infinite query
 * over Metal pages: `pageSize` rows a page, cursor pages (`startAfter` the last row) by default
 * or `mode: 'offset'`. The first page is live; later pages are read once.
 *
 * ```ts
 * const { data, fetchNextPage, hasNextPage } = useMetalPaginatedQuery<City>(
 *   'cities', (q) => q.orderBy('name'), { pageSize: 3 },
 * )
 * ```
 */
const meta = {
  title: 'Composables/useMetalPaginatedQuery',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { CityList }, template: '<CityList />' }),
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
