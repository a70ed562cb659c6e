import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PresenceMember } from '@metal/core'
import OnlineUsers from './fixtures/OnlineUsers.vue'
import { setup } from './helpers.js'

let env: ReturnType<typeof setup>
afterEach(() => env?.close())

describe('the README presence example (an SFC with <script setup>)', () => {
  it('lists who is online, publishes the current page, and leaves on unmount', async () => {
    env = setup()
    let seen: PresenceMember[] = []
    const stop = env.other.presence().subscribe((members) => (seen = members))
    env.other.presence().track({ userId: 'bob', metadata: { currentPage: '/tasks' } })

    const wrapper = mount(OnlineUsers, {
      props: { userId: 'user123', currentPage: '/dashboard' },
      global: { plugins: env.plugins },
    })
    await vi.waitFor(() =>
      expect(wrapper.findAll('li').map((li) => li.text())).toEqual([
        'bob on /tasks',
        'user123 on /dashboard',
      ]),
    )

    await wrapper.setProps({ currentPage: '/users' })
    await vi.waitFor(() => expect(seen[1]?.metadata.currentPage).toBe('/users'))
    await vi.waitFor(() => expect(wrapper.text()).toContain('user123 on /users'))

    wrapper.unmount()
    await vi.waitFor(() => expect(seen.map((m) => m.userId)).toEqual(['bob']))
    stop()
  })
})
