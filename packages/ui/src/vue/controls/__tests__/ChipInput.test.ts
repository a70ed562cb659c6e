import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, ref, type PropType } from 'vue'
import { MetalError } from '@metal/core'
import { ChipInput } from '../ChipInput.js'
import { description } from './fieldTestUtils.js'

/** A parent holding the value, as `<ChipInput v-model="tags" label="Tags" />`. */
const Tags = defineComponent({
  props: {
    initial: { type: Array as PropType<string[]>, default: () => [] },
    maxItems: { type: Number, default: undefined },
  },
  setup(props) {
    const value = ref<string[]>(props.initial)
    return () =>
      h('div', [
        h(ChipInput, {
          label: 'Tags',
          modelValue: value.value,
          maxItems: props.maxItems,
          'onUpdate:modelValue': (next: string[]) => (value.value = next),
        }),
        h('pre', { 'data-testid': 'value' }, JSON.stringify(value.value)),
      ])
  },
})

const chipLabels = () =>
  [...document.querySelectorAll('[data-scope="chip"][data-part="label"]')].map(
    (el) => el.textContent,
  )
const model = () => JSON.parse(screen.getByTestId('value').textContent!) as string[]

describe('<ChipInput> (Vue)', () => {
  it('adds chips with Enter and comma, removes with Backspace and the remove buttons (v-model)', async () => {
    const user = userEvent.setup()
    mount(Tags, { props: { initial: ['red'] }, attachTo: document.body })
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Tags' })
    await user.type(input, ' green {Enter}blue,')
    expect(chipLabels()).toEqual(['red', 'green', 'blue'])
    expect(model()).toEqual(['red', 'green', 'blue'])
    expect(input.value).toBe('')
    await user.type(input, 'red{Enter}')
    expect(chipLabels()).toEqual(['red', 'green', 'blue'])
    expect(screen.getByRole('status').textContent).toBe('red is already there')
    await user.clear(input)
    await user.keyboard('{Backspace}')
    expect(chipLabels()).toEqual(['red', 'green'])
    expect(screen.getByRole('status').textContent).toBe('Removed blue')
    await user.click(screen.getByRole('button', { name: 'Remove red' }))
    expect(chipLabels()).toEqual(['green'])
    expect(model()).toEqual(['green'])
    expect(document.activeElement).toBe(input)
    expect(screen.getAllByRole('listitem')).toHaveLength(1)
    expect(screen.getByRole('list', { name: 'Tags' })).toBeTruthy()
  })

  it('a lone comma adds nothing and leaves the input empty', async () => {
    const user = userEvent.setup()
    mount(Tags, { attachTo: document.body })
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Tags' })
    await user.type(input, ',')
    expect(input.value).toBe('')
    expect(chipLabels()).toEqual([])
  })

  it('reaches every remove button with Tab', async () => {
    const user = userEvent.setup()
    mount(Tags, { props: { initial: ['a', 'b'] }, attachTo: document.body })
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove a' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove b' }))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Tags' }))
  })

  it('refuses more than maxItems and announces why', async () => {
    const user = userEvent.setup()
    mount(Tags, { props: { initial: ['a'], maxItems: 1 }, attachTo: document.body })
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'b{Enter}')
    expect(chipLabels()).toEqual(['a'])
    expect(screen.getByRole('status').textContent).toBe('Only 1 item allowed')
  })

  it('shows the error and describes the input with it', () => {
    mount(ChipInput, {
      props: { label: 'Tags', modelValue: [], error: 'Add a tag', required: true },
      attachTo: document.body,
    })
    const input = screen.getByRole('textbox', { name: /Tags/ })
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(description(input)).toContain('Add a tag')
  })

  it('describes the input with the supporting-text slot', () => {
    mount(ChipInput, {
      props: { label: 'Labels', modelValue: [] },
      slots: { 'supporting-text': () => h('em', 'Comma separated') },
      attachTo: document.body,
    })
    expect(description(screen.getByRole('textbox', { name: 'Labels' }))).toContain(
      'Comma separated',
    )
  })

  it('emits nothing and has no remove buttons while disabled', async () => {
    const user = userEvent.setup()
    const wrapper = mount(ChipInput, {
      props: { label: 'Tags', modelValue: ['a'], disabled: true },
      attachTo: document.body,
    })
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Tags' })
    expect(input.disabled).toBe(true)
    expect(screen.queryByRole('button')).toBeNull()
    await user.type(input, 'b{Enter}')
    expect(wrapper.emitted('update:modelValue')).toBeUndefined()
  })

  it('refuses a value that is not a list of strings, and a bad maxItems, with MetalErrors', () => {
    expect(() => mount(ChipInput, { props: { label: 'T', modelValue: [1] as never } })).toThrow(
      MetalError,
    )
    expect(() => mount(ChipInput, { props: { label: 'T', modelValue: [], maxItems: 0 } })).toThrow(
      /maxItems/,
    )
  })
})
