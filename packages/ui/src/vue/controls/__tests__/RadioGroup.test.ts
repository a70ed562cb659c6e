import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { fireEvent, screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, nextTick, ref, type PropType } from 'vue'
import { MetalError } from '@metal/core'
import { RadioGroup } from '../RadioGroup.js'

const OPTIONS = [
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium', disabled: true },
  { value: 'high', label: 'High' },
]

/** A parent holding the value, as `<RadioGroup v-model="priority" …>`. */
const Controlled = defineComponent({
  props: { initial: { type: String as PropType<string | null>, default: null } },
  setup(props) {
    const value = ref<string | null>(props.initial)
    return () =>
      h('div', [
        h(RadioGroup, {
          label: 'Priority',
          modelValue: value.value,
          options: OPTIONS,
          'onUpdate:modelValue': (next: string) => (value.value = next),
        }),
        h('output', value.value ?? ''),
      ])
  },
})

const radios = () => screen.getAllByRole<HTMLInputElement>('radio')

describe('<RadioGroup> (Vue)', () => {
  it('is a radiogroup named by its label; a click on a label picks an option through v-model', async () => {
    const user = userEvent.setup()
    mount(Controlled, { attachTo: document.body })
    const group = screen.getByRole('radiogroup', { name: 'Priority' })
    expect(group.getAttribute('aria-orientation')).toBe('vertical')
    expect(radios().map((radio) => radio.tabIndex)).toEqual([0, -1, -1])
    await user.click(screen.getByText('High'))
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'High' }).checked).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('high')
    expect(radios().map((radio) => radio.tabIndex)).toEqual([-1, -1, 0])
    expect(screen.getByText('High').closest('label')?.dataset.state).toBe('checked')
  })

  it('arrow keys move focus and pick, skipping the disabled option and wrapping', async () => {
    mount(Controlled, { props: { initial: 'low' }, attachTo: document.body })
    const low = screen.getByRole('radio', { name: 'Low' })
    low.focus()
    fireEvent.keyDown(low, { key: 'ArrowDown' })
    await nextTick()
    const high = screen.getByRole<HTMLInputElement>('radio', { name: 'High' })
    expect(document.activeElement).toBe(high)
    expect(high.checked).toBe(true)
    expect(screen.getByRole('status').textContent).toBe('high')
    fireEvent.keyDown(high, { key: 'ArrowDown' })
    await nextTick()
    expect(document.activeElement).toBe(low)
    expect(screen.getByRole('status').textContent).toBe('low')
  })

  it('Tab reaches only the picked radio, and End picks the last option', async () => {
    const user = userEvent.setup()
    mount(() => h('div', [h(Controlled, { initial: 'low' }), h('button', 'After')]), {
      attachTo: document.body,
    })
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Low' }))
    await user.keyboard('{End}')
    expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'High' }))
    expect(screen.getByRole('status').textContent).toBe('high')
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'After' }))
  })

  it('flips Left and Right inside dir="rtl"', async () => {
    mount(() => h('div', { dir: 'rtl' }, [h(Controlled, { initial: 'low' })]), {
      attachTo: document.body,
    })
    fireEvent.keyDown(screen.getByRole('radio', { name: 'Low' }), { key: 'ArrowLeft' })
    await nextTick()
    expect(screen.getByRole('status').textContent).toBe('high')
  })

  it('keeps showing the parent value when the parent ignores a pick', async () => {
    const user = userEvent.setup()
    const wrapper = mount(RadioGroup, {
      props: { label: 'Priority', modelValue: 'low', options: OPTIONS },
      attachTo: document.body,
    })
    await user.click(screen.getByRole('radio', { name: 'High' }))
    expect(wrapper.emitted('update:modelValue')).toEqual([['high']])
    expect(radios().map((radio) => radio.checked)).toEqual([true, false, false])
  })

  it('does not pick when the group is disabled, and marks it aria-disabled', async () => {
    const user = userEvent.setup()
    const wrapper = mount(RadioGroup, {
      props: { label: 'Priority', modelValue: null, options: OPTIONS, disabled: true },
      attachTo: document.body,
    })
    expect(screen.getByRole('radiogroup').getAttribute('aria-disabled')).toBe('true')
    expect(radios().every((radio) => radio.disabled)).toBe(true)
    await user.click(screen.getByText('High'))
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('takes a name, id, orientation, class, and label and option slots', () => {
    mount(RadioGroup, {
      props: {
        label: 'Priority',
        modelValue: 'high',
        options: OPTIONS,
        name: 'prio',
        id: 'prio',
        orientation: 'horizontal',
      },
      attrs: { class: 'extra' },
      slots: {
        label: () => h('strong', 'Pick a priority'),
        option: ({ option, checked }: { option: { label: string }; checked: boolean }) =>
          `${option.label}${checked ? ' (current)' : ''}`,
      },
      attachTo: document.body,
    })
    const group = screen.getByRole('radiogroup', { name: 'Pick a priority' })
    expect(group.id).toBe('prio')
    expect(group.classList.contains('extra')).toBe(true)
    expect(group.dataset.orientation).toBe('horizontal')
    expect(radios().map((radio) => radio.name)).toEqual(['prio', 'prio', 'prio'])
    expect(screen.getByRole('radio', { name: 'High (current)' })).toBeTruthy()
  })

  it('refuses duplicate option values and an empty label with MetalErrors', () => {
    const twice = [OPTIONS[0]!, OPTIONS[0]!]
    expect(() =>
      mount(RadioGroup, { props: { label: 'P', modelValue: null, options: twice } }),
    ).toThrow(MetalError)
    expect(() =>
      mount(RadioGroup, { props: { label: ' ', modelValue: null, options: OPTIONS } }),
    ).toThrow(/label/)
  })
})
