import { computed, defineComponent, h, nextTick, shallowRef, unref } from 'vue'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { QueryClient } from '@tanstack/vue-query'
import { bindingSuite, type BindingHarness, type BindingResult } from '@metal/core/testing'
import { MetalPlugin, useMetalDoc, useMetalPaginatedQuery, useMetalQuery } from '../index.js'

const composables = { useMetalQuery, useMetalDoc, useMetalPaginatedQuery } as unknown as Record<
  string,
  (...args: unknown[]) => Record<string, unknown>
>

/** A result's refs unwrapped, as a template reads them. */
const plain = (result: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(result).map(([key, value]) => [key, unref(value)]),
  ) as unknown as BindingResult

/**
 * The composables in a mounted component whose render reads their result; the arguments are a
 * shallowRef handed over as a getter (the query or path) and computed refs (builder, id,
 * options), so new arguments flow in as a parent's props would.
 */
const vue: BindingHarness = {
  name: 'vue',
  mount(metal, binding, initial) {
    const queryClient = new QueryClient()
    const args = shallowRef(initial)
    const history: unknown[] = []
    let renders = 0
    let result!: Record<string, unknown>
    const wrapper = mount(
      defineComponent({
        setup() {
          const [, ...rest] = initial.map((_, i) => computed(() => args.value[i]))
          result = composables[binding]!(() => args.value[0], ...rest)
          return () => {
            renders++
            const now = plain(result)
            history.push(now.data)
            return h('div', [String(now.status), String(now.isPlaceholderData)])
          }
        },
      }),
      { global: { plugins: [[MetalPlugin, { client: metal, queryClient }]] } },
    )
    let mounted = true
    return {
      current: () => plain(result),
      dataHistory: () => history,
      renders: () => renders,
      async update(next) {
        args.value = next
        await nextTick()
      },
      unmount() {
        if (mounted) wrapper.unmount()
        mounted = false
        queryClient.clear()
      },
    }
  },
  act: async (action) => {
    const out = await action()
    await nextTick()
    return out
  },
  settle: async (ms = 0) => {
    await new Promise((resolve) => setTimeout(resolve, ms))
    await nextTick()
  },
}

bindingSuite(vue, { describe, it, expect })
