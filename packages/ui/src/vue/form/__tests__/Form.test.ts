import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { screen, waitFor } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { defineComponent, h, nextTick, ref } from 'vue'
import { QueryClient } from '@tanstack/vue-query'
import { MetalPlugin } from '@metal/vue'
import type { EntityDefinition, FormValues } from '../../../form/form.types.js'
import { metalWorld, type MetalWorld } from '../../../__tests__/behaviour/metalWorld.js'
import { Form } from '../Form.js'
import { FormField } from '../FormField.js'
import { useForm } from '../useForm.js'

const NOTE: EntityDefinition = {
  name: 'note',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true } },
    { name: 'body', type: 'text', label: 'Body' },
    { name: 'pinned', type: 'boolean', label: 'Pinned' },
  ],
}

const input = (name: string) => screen.getByRole('textbox', { name: new RegExp(`^${name}`) })

let world: MetalWorld | null = null
afterEach(() => {
  world?.close()
  world = null
})

describe('<Form> v-model (Vue)', () => {
  it('emits the values on every edit, as a copy the parent may keep', async () => {
    const user = userEvent.setup()
    const wrapper = mount(Form, { props: { schema: NOTE }, attachTo: document.body })
    expect(wrapper.emitted('update:modelValue')).toBeUndefined() // nothing said at mount
    await user.type(input('Title'), 'Hi')
    const emitted = wrapper.emitted<[FormValues]>('update:modelValue') ?? []
    expect(emitted.map(([v]) => v.title)).toEqual(['H', 'Hi'])
    expect(emitted.at(-1)?.[0]).toEqual({ title: 'Hi', body: '', pinned: false })
    emitted.at(-1)![0].title = 'changed by the parent, in place'
    expect(input('Title')).toHaveProperty('value', 'Hi')
  })

  it('starts from the parent’s value, fills in the defaults, and follows what the parent sets', async () => {
    const user = userEvent.setup()
    const values = ref<FormValues>({ title: 'Draft' })
    mount(
      defineComponent(
        () => () =>
          h(Form, {
            schema: NOTE,
            modelValue: values.value,
            'onUpdate:modelValue': (v: FormValues) => (values.value = v),
          }),
      ),
      { attachTo: document.body },
    )
    await nextTick()
    expect(input('Title')).toHaveProperty('value', 'Draft')
    expect(values.value).toEqual({ title: 'Draft', body: '', pinned: false })

    values.value = { ...values.value, body: 'From the parent' }
    await nextTick()
    expect(input('Body')).toHaveProperty('value', 'From the parent')
    values.value.title = 'Edited in place'
    await nextTick()
    expect(input('Title')).toHaveProperty('value', 'Edited in place')

    await user.click(screen.getByRole('switch', { name: 'Pinned' }))
    expect(values.value).toEqual({
      title: 'Edited in place',
      body: 'From the parent',
      pinned: true,
    })
  })
})

describe('<Form> slots and function props (Vue)', () => {
  it('lays out the fields of the default slot, which find the form themselves', async () => {
    const user = userEvent.setup()
    const onSubmit = vi.fn()
    mount(Form, {
      props: { schema: NOTE, onSubmit },
      slots: {
        default: () =>
          h('div', { class: 'row' }, [
            h(FormField, { path: 'title' }),
            h(FormField, { path: 'pinned' }),
          ]),
        'after-fields': ({ form }: { form: { dirty: boolean } }) =>
          h('p', { 'data-testid': 'extra' }, form.dirty ? 'edited' : 'clean'),
      },
      attachTo: document.body,
    })
    expect(screen.queryByRole('textbox', { name: /^Body/ })).toBeNull()
    expect(document.querySelector('.row [data-part="field"]')).toBeTruthy()
    expect(screen.getByTestId('extra').textContent).toBe('clean')
    await user.type(input('Title'), 'Slot')
    expect(screen.getByTestId('extra').textContent).toBe('edited')
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    expect(onSubmit.mock.calls[0]?.[0]).toEqual({ title: 'Slot', body: '', pinned: false })
  })

  it('binds @submit, @cancel and @save-error in a template to the function props it awaits', async () => {
    const user = userEvent.setup()
    const onCancel = vi.fn()
    const onSaveError = vi.fn()
    const App = defineComponent({
      components: { Form },
      setup: () => ({
        schema: NOTE,
        values: { title: 'A' },
        save: () => Promise.reject(new Error('offline')),
        cancel: onCancel,
        failed: onSaveError,
      }),
      template: `<Form :schema="schema" :default-values="values" submit-label="Send"
        @submit="save" @cancel="cancel" @save-error="failed" />`,
    })
    mount(App, { attachTo: document.body })
    await user.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(onCancel).toHaveBeenCalledTimes(1)
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save: offline')
    expect(onSaveError.mock.calls[0]?.[0].message).toBe('offline')
  })

  it('puts fallthrough class and attributes on the <form>', () => {
    const wrapper = mount(Form, {
      props: { schema: NOTE },
      attrs: { class: 'mine', 'data-x': '1' },
    })
    const form = wrapper.get('form')
    expect(form.classes()).toEqual(['metal-form', 'mine'])
    expect(form.attributes('data-x')).toBe('1')
  })

  it('refuses a bad schema with a MetalError naming <Form>', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(() => mount(Form, { props: { schema: { name: 'x' } as never } })).toThrow(/^<Form>: /)
    vi.mocked(console.warn).mockRestore()
  })
})

describe('useForm (Vue)', () => {
  it('drives a custom view with native inputs through the Vue-spelled prop getters', async () => {
    const user = userEvent.setup()
    const onSave = vi.fn()
    mount(
      defineComponent(() => {
        const { form } = useForm({ schema: NOTE, onSave, id: 'f' })
        return () =>
          h('form', form.value.getRootProps(), [
            h('label', form.value.getLabelProps('title'), 'Title'),
            h('input', form.value.getInputProps('title')),
            h('button', form.value.getSubmitProps(), form.value.texts.submit),
          ])
      }),
      { attachTo: document.body },
    )
    await user.click(screen.getByRole('button', { name: 'Create' }))
    expect(document.activeElement?.id).toBe('f-field-title')
    expect(input('Title').getAttribute('aria-invalid')).toBe('true')
    await user.type(input('Title'), 'Native')
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSave).toHaveBeenCalled())
    expect(onSave.mock.calls[0]?.[0].values.title).toBe('Native')
  })
})

describe('<Form> relation field (Vue)', () => {
  it('picks a related document by searching its label, and stores its id', async () => {
    const user = userEvent.setup()
    world = metalWorld()
    const metal = world.client()
    const users = metal.db().collection('users')
    await users.doc('u1').set({ name: 'Ada Lovelace' })
    await users.doc('u2').set({ name: 'Alan Turing' })
    await users.doc('u3').set({ name: 'Grace Hopper' })
    const TASK: EntityDefinition = {
      name: 'task',
      fields: [
        {
          name: 'assignee',
          type: 'relation',
          label: 'Assignee',
          relation: { collection: 'users', labelField: 'name' },
          rules: { required: true },
        },
      ],
    }
    const onSubmit = vi.fn()
    mount(Form, {
      props: { schema: TASK, collection: 'tasks', onSubmit },
      attachTo: document.body,
      global: { plugins: [[MetalPlugin, { client: metal, queryClient: new QueryClient() }]] },
    })
    const box = screen.getByRole('combobox', { name: 'Assignee' })
    await user.type(box, 'A')
    await waitFor(() =>
      expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
        'Ada Lovelace',
        'Alan Turing',
      ]),
    )
    expect(box.getAttribute('aria-expanded')).toBe('true')
    await user.keyboard('{ArrowDown}{Enter}')
    await flushPromises()
    expect(box).toHaveProperty('value', 'Alan Turing')
    expect(box.getAttribute('aria-expanded')).toBe('false')
    await user.click(screen.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(onSubmit).toHaveBeenCalled())
    const id = onSubmit.mock.calls[0]?.[1].id as string
    expect((await metal.db().collection('tasks').doc(id).get()).data()).toEqual({ assignee: 'u2' })
  })
})

describe('<Form> bound (Vue)', () => {
  it('starts over for another docId: that document, none of the edits of the last one', async () => {
    const user = userEvent.setup()
    world = metalWorld()
    const metal = world.client()
    await metal.db().collection('notes').doc('n1').set({ title: 'First' })
    await metal.db().collection('notes').doc('n2').set({ title: 'Second' })
    const wrapper = mount(Form, {
      props: { schema: NOTE, collection: 'notes', docId: 'n1' },
      attachTo: document.body,
      global: { plugins: [[MetalPlugin, { client: metal, queryClient: new QueryClient() }]] },
    })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'First'))
    await user.type(input('Title'), '!')
    await wrapper.setProps({ docId: 'n2' })
    await waitFor(() => expect(input('Title')).toHaveProperty('value', 'Second'))
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy()
  })
})
