import { describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import { MetalError } from '@metal/core'
import type { IconName } from '../../../icons/icons.js'
import { Button } from '../Button.js'
import { Icon } from '../Icon.js'
import { IconButton } from '../IconButton.js'
import { CircularProgress, LinearProgress } from '../Progress.js'

describe('<Button> (Vue)', () => {
  it('renders a filled type="button" with its label, passing attributes and listeners through', async () => {
    const onClick = vi.fn()
    const wrapper = mount(Button, {
      attrs: { onClick, class: 'extra', 'data-testid': 'b' },
      slots: { default: () => 'Save' },
    })
    const button = wrapper.get('button')
    expect(button.text()).toBe('Save')
    expect(button.attributes('type')).toBe('button')
    expect(button.attributes('data-variant')).toBe('filled')
    expect(button.classes()).toEqual(['extra'])
    expect(button.attributes('data-testid')).toBe('b')
    await button.trigger('click')
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('draws leading and trailing icons hidden from assistive technology', () => {
    const wrapper = mount(Button, {
      props: { variant: 'tonal', icon: 'add', trailingIcon: 'chevronRight' },
      slots: { default: () => 'New' },
    })
    const icons = wrapper.findAll('svg')
    expect(icons.map((svg) => svg.attributes('data-icon'))).toEqual(['add', 'chevronRight'])
    expect(icons.map((svg) => svg.attributes('data-position'))).toEqual(['leading', 'trailing'])
    expect(icons[0]?.attributes('aria-hidden')).toBe('true')
    expect(wrapper.get('button').attributes('data-with-icon')).toBe('both')
  })

  it('is disabled and marked danger when asked; a click then does nothing', async () => {
    const onClick = vi.fn()
    const wrapper = mount(Button, {
      props: { danger: true, disabled: true, type: 'submit' },
      attrs: { onClick },
      slots: { default: () => 'Delete' },
    })
    const button = wrapper.get('button')
    expect(button.element.disabled).toBe(true)
    expect(button.attributes('data-danger')).toBe('')
    expect(button.attributes('type')).toBe('submit')
    await button.trigger('click')
    expect(onClick).not.toHaveBeenCalled()
  })

  it('refuses an unknown variant with a MetalError naming it', () => {
    expect(() =>
      mount(Button, { props: { variant: 'huge' as never }, slots: { default: () => 'x' } }),
    ).toThrow(MetalError)
  })
})

describe('<IconButton> (Vue)', () => {
  it('is named by its label, shows only the icon, and toggles aria-pressed when selected', async () => {
    const onClick = vi.fn()
    const wrapper = mount(IconButton, {
      props: { icon: 'delete', label: 'Delete row', selected: true },
      attrs: { onClick },
    })
    const button = wrapper.get('button')
    expect(button.attributes('aria-label')).toBe('Delete row')
    expect(button.attributes('aria-pressed')).toBe('true')
    expect(button.text()).toBe('')
    expect(button.get('svg').attributes('data-icon')).toBe('delete')
    await button.trigger('click')
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})

describe('<Icon> (Vue)', () => {
  it('draws a decorative svg of the given size, mirrored when directional', () => {
    const wrapper = mount(() => h('div', [h(Icon, { name: 'chevronRight', size: 18 })]))
    const svg = wrapper.get('svg')
    expect(svg.attributes('width')).toBe('18')
    expect(svg.attributes('aria-hidden')).toBe('true')
    expect(svg.attributes('stroke-width')).toBe('2')
    expect(svg.attributes('data-directional')).toBe('')
  })

  it('refuses a name that is not a built-in icon', () => {
    expect(() => mount(Icon, { props: { name: 'nope' as IconName } })).toThrow(/<Icon>.*name.*nope/)
  })
})

describe('progress indicators (Vue)', () => {
  it('LinearProgress is a named progressbar with its value', () => {
    const wrapper = mount(LinearProgress, { props: { label: 'Uploading', value: 0.4 } })
    const bar = wrapper.get('[role="progressbar"]')
    expect(bar.attributes('aria-label')).toBe('Uploading')
    expect(bar.attributes('aria-valuenow')).toBe('40')
  })

  it('CircularProgress without a value is indeterminate', () => {
    const wrapper = mount(CircularProgress, { props: { label: 'Loading' } })
    const bar = wrapper.get('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBeUndefined()
    expect(wrapper.findAll('circle')).toHaveLength(2)
  })
})
