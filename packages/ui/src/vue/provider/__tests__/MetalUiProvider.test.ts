import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, nextTick, ref } from 'vue'
import { MetalError } from '@metal/core'
import { MetalUiProvider, useUiDirection, useUiMessages } from '../MetalUiProvider.js'

const Probe = defineComponent({
  props: { own: { type: String, default: undefined } },
  setup(props) {
    const words = useUiMessages('pagination', () =>
      props.own ? { nextPage: props.own } : undefined,
    )
    const dir = useUiDirection()
    return () => h('p', `${words.value.nextPage} ${words.value.previousPage} ${dir.value}`)
  },
})

describe('<MetalUiProvider> (Vue)', () => {
  it('without a provider, components get the English words and the document direction', () => {
    expect(mount(Probe).text()).toBe('Next page Previous page ltr')
  })

  it('lays the app messages over the defaults, nests, and lets a component prop win', async () => {
    const outer = ref('Weiter')
    const wrapper = mount(() =>
      h(
        MetalUiProvider,
        { messages: { pagination: { nextPage: outer.value } }, dir: 'rtl' },
        () => [
          h(Probe),
          h(MetalUiProvider, { messages: { pagination: { previousPage: 'Zurück' } } }, () =>
            h(Probe, { own: 'Nächste' }),
          ),
        ],
      ),
    )
    expect(wrapper.findAll('p').map((p) => p.text())).toEqual([
      'Weiter Previous page rtl',
      'Nächste Zurück rtl',
    ])
    outer.value = 'Vor'
    await nextTick()
    expect(wrapper.findAll('p')[0]!.text()).toBe('Vor Previous page rtl')
  })

  it('refuses a direction other than ltr or rtl', () => {
    expect(() => mount(() => h(MetalUiProvider, { dir: 'up' as never }, () => h(Probe)))).toThrow(
      MetalError,
    )
  })
})
