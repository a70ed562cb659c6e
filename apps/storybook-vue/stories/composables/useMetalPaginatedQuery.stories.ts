import { computed, defineComponent, useId } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { useMetalPaginatedQuery } from '@metal/vue'
import { closeDemoClients, demoBackend, demoClient } from '../support/clients.js'

interface City {
  name: string
}

const CITIES = ['Accra', 'Berlin', 'Cairo', 'Delhi', 'Essen', 'Fez', 'Genoa', 'Hanoi']

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

type Loaded = { metal: Metal; otherUser: Metal }

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
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const cities = metal.db().collection<City>('cities')
      await Promise.all(CITIES.map((name) => cities.add({ name })))
      return { metal, otherUser: demoClient(id, { backend }) }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: () => ({ components: { CityList }, template: '<CityList />' }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

const names = (canvasElement: HTMLElement) =>
  within(within(canvasElement).getByRole('list', { name: 'Cities' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent)

/** Three pages of three, then no more: the button turns off on the last page. */
export const LoadMore: Story = {
  play: async ({ canvasElement }) => {
    const more = within(canvasElement).getByRole('button', { name: 'More' })
    await waitFor(() => expect(names(canvasElement)).toEqual(['Accra', 'Berlin', 'Cairo']))

    await waitFor(() => expect(more).toBeEnabled())
    await userEvent.click(more)
    await waitFor(() => expect(names(canvasElement)).toHaveLength(6))
    await expect(names(canvasElement).slice(3)).toEqual(['Delhi', 'Essen', 'Fez'])

    await waitFor(() => expect(more).toBeEnabled())
    await userEvent.click(more)
    await waitFor(() => expect(names(canvasElement)).toEqual(CITIES))
    await waitFor(() => expect(more).toBeDisabled())
  },
}

/** The first page is live: a city that sorts first, added by another user, shows at the top. */
export const LiveFirstPage: Story = {
  play: async ({ canvasElement, loaded }) => {
    await waitFor(() => expect(names(canvasElement)).toEqual(['Accra', 'Berlin', 'Cairo']))
    await (loaded as Loaded).otherUser.db().collection<City>('cities').add({ name: 'Aarhus' })
    await waitFor(() => expect(names(canvasElement)).toEqual(['Aarhus', 'Accra', 'Berlin']))
  },
}
