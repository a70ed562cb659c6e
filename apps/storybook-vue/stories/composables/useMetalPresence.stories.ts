import { computed, defineComponent, ref, useId, type PropType } from 'vue'
import type { Meta, StoryObj } from '@storybook/vue3-vite'
import type { Metal } from '@metal/core'
import { useMetalPresence } from '@metal/vue'
import { closeDemoClients } from '../support/clients.js'
import {
  load,
  plays,
  ROOM,
  type Loaded,
} from '../../../storybook/stories/hooks/useMetalPresence.shared.js'

/** Who is in the room, as this client sees it, while it tracks itself as "you". */
const WhoIsHere = defineComponent({
  setup() {
    const status = ref('online')
    const heard = ref('nothing yet')
    const { members, others } = useMetalPresence({
      room: ROOM,
      // A getter: the tracked state follows `status`, re-sent when it changes.
      track: () => ({ userId: 'you', status: status.value, metadata: { page: '/tasks' } }),
      onMessage: (m) => {
        heard.value = `${m.userId} sent ${m.event}`
      },
    })
    return {
      titleId: useId(),
      status,
      heard,
      members,
      others,
      toggle: () => {
        status.value = status.value === 'online' ? 'away' : 'online'
      },
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">In the room: {{ members.length }} ({{ others.length }} besides you)</h2>
      <ul aria-label="Members">
        <li v-for="m in members" :key="m.userId">{{ m.isSelf ? m.userId + ' (you)' : m.userId }}: {{ m.status }}</li>
      </ul>
      <p role="status" aria-label="Last message">Last message: {{ heard }}</p>
      <div class="metal-demo-row">
        <button class="metal-demo-button" data-variant="tonal" type="button" @click="toggle">
          Set me {{ status === 'online' ? 'away' : 'online' }}
        </button>
      </div>
    </div>`,
})

/** The second user's controls: they act through their own client on the shared backend. */
const SimulatedUser = defineComponent({
  props: { client: { type: Object as PropType<Metal>, required: true } },
  setup(props) {
    const presence = props.client.presence(ROOM)
    const state = ref<'online' | 'away' | 'gone'>('gone')
    const act = (next: 'online' | 'away' | 'gone') => {
      if (next === 'gone') presence.untrack()
      else presence.track({ userId: 'ada', status: next, metadata: { page: '/reports' } })
      state.value = next
    }
    return {
      titleId: useId(),
      state,
      act,
      gone: computed(() => state.value === 'gone'),
      wave: () => presence.broadcast('wave', { at: '/reports' }),
    }
  },
  template: `
    <div class="metal-demo-card" role="group" :aria-labelledby="titleId">
      <h2 :id="titleId">Simulated user: ada ({{ state }})</h2>
      <div class="metal-demo-row">
        <button class="metal-demo-button" type="button" @click="act('online')">Ada joins</button>
        <button class="metal-demo-button" type="button" @click="act('away')">Ada goes away</button>
        <button class="metal-demo-button" type="button" @click="act('gone')">Ada leaves</button>
        <button class="metal-demo-button" type="button" :disabled="gone" @click="wave">Ada waves</button>
      </div>
    </div>`,
})

/**
 * `useMetalPresence({ room?, track?, onMessage? })` returns the room's `members` (each with
 * `isSelf`), the `others` and `self` as computed refs, live, and publishes `track` (a value, ref
 * or getter) while the component is mounted. `broadcast(event, payload)` sends an ephemeral
 * message to the room; `onMessage` hears others'.
 *
 * ```ts
 * const { members, others } = useMetalPresence({ room: 'doc-1', track: () => ({ userId, status: status.value }) })
 * ```
 *
 * Here two clients share one embedded `memory()` backend: the component is "you"; the panel
 * below drives a simulated second user, "ada", through her own client.
 */
const meta = {
  title: 'Composables/useMetalPresence',
  loaders: [load],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (_args, { loaded }) => ({
    components: { WhoIsHere, SimulatedUser },
    setup: () => ({ ada: (loaded as Loaded).ada }),
    template: `
      <div style="display: grid; gap: 16px">
        <WhoIsHere />
        <SimulatedUser :client="ada" />
      </div>`,
  }),
} satisfies Meta

export default meta
type Story = StoryObj<typeof meta>

/** A second user joins, goes away and leaves; the member list follows. */
export const SecondUser: Story = {
  play: plays.SecondUser,
}

/** This client changes its own status; the `track` getter is followed and re-sent on change. */
export const ChangeOwnStatus: Story = {
  play: plays.ChangeOwnStatus,
}

/** Ada broadcasts an ephemeral message; this client hears it through `onMessage`. */
export const RoomMessage: Story = {
  play: plays.RoomMessage,
}
