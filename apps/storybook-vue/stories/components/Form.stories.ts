import type { Meta, StoryObj } from '@storybook/vue3-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import type { EntityDefinition } from '@metal/ui'
import { Form } from '@metal/ui/vue'
import { closeDemoClients, demoBackend, demoClient } from '../support/clients.js'
import { formStatus, plays } from '../../../storybook/stories/Form.shared.js'

/** A task, as an entity definition: a field of most types, with rules. */
const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    { name: 'estimate', type: 'number', label: 'Estimate (hours)', rules: { min: 0, max: 100 } },
    { name: 'due', type: 'date', label: 'Due date', rules: { min: '2020-01-01' } },
    {
      name: 'priority',
      type: 'enum',
      label: 'Priority',
      options: ['low', 'medium', 'high'],
      defaultValue: 'medium',
      rules: { required: true },
    },
    {
      name: 'size',
      type: 'enum',
      label: 'Size',
      options: [
        { value: 's', label: 'Small' },
        { value: 'l', label: 'Large' },
      ],
      widget: 'radio',
    },
    { name: 'done', type: 'boolean', label: 'Done' },
    {
      name: 'tags',
      type: 'array',
      label: 'Tags',
      item: { name: 'tag', type: 'string', label: 'Tag' },
      rules: { maxLength: 5 },
    },
  ],
}

type Loaded = { metal: Metal; ada: Metal }

/**
 * `<Form :schema="entity" collection="tasks" :doc-id? @submit? />` builds a form from an entity
 * definition, validates it with the fields' rules, creates documents with `add` and edits them
 * with `update` of the changed fields only, through `@metal/vue`. `v-model` is the values;
 * `@submit` (a function prop: the form awaits it) hears the saved values. The logic is the
 * headless model in `@metal/ui`, as for the React view.
 *
 * Two clients share one embedded `memory()` backend: the form is "you"; the button below it acts
 * as a second user, "Ada", through her own client.
 */
const meta = {
  title: 'Components/Form',
  component: Form,
  args: { schema: TASK, collection: 'tasks', onSubmit: fn() },
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      await metal
        .db()
        .collection('tasks')
        .doc('t1')
        .set({ title: 'Write the docs', priority: 'high', estimate: 3, tags: ['docs'] })
      return { metal, ada: demoClient(id, { backend }) }
    },
  ],
  beforeEach:
    ({ id }) =>
    () =>
      closeDemoClients(id),
  render: (args, { loaded, name, viewMode }) => ({
    components: { Form },
    setup() {
      const { ada } = loaded as Loaded
      // A docs page shows every story at once: each form gets a name of its own there.
      const docs = viewMode === 'docs'
      const schema = docs
        ? { ...args.schema, label: `${args.schema.label} (${name})` }
        : args.schema
      const edit = () =>
        void ada
          .db()
          .collection('tasks')
          .doc('t1')
          .update({ title: 'Write the guide', estimate: 5 })
      return { args, schema, edit, cardLabel: docs ? `Simulated user (${name})` : 'Simulated user' }
    },
    template: `
      <div style="display: grid; gap: 16px">
        <Form v-bind="args" :schema="schema" />
        <section v-if="args.docId" class="metal-demo-card" :aria-label="cardLabel">
          <button class="metal-demo-button" type="button" @click="edit">Ada edits the task</button>
        </section>
      </div>`,
  }),
} satisfies Meta<typeof Form>

export default meta
type Story = StoryObj<typeof meta>

/** Create mode: submitting with errors focuses the first one and says what is wrong. */
export const Validation: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const title = canvas.getByRole('textbox', { name: /^Title/ })
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(title).toHaveFocus())
    await expect(title).toHaveAttribute('aria-invalid', 'true')
    await expect(title).toHaveAccessibleDescription('Title is required')
    await userEvent.type(title, 'ab')
    await userEvent.tab()
    await expect(title).toHaveAccessibleDescription('Title must have at least 3 characters')
    await expect(args.onSubmit).not.toHaveBeenCalled()
  },
}

/** Create mode: a valid submit adds the document, awaits `@submit` and says so. */
export const Submit: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: /^Title/ }), 'Ship the form')
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Estimate (hours)' }), '8')
    await userEvent.click(canvas.getByRole('radio', { name: 'Large' }))
    await userEvent.click(canvas.getByRole('switch', { name: 'Done' }))
    await userEvent.type(canvas.getByRole('textbox', { name: /^Tags/ }), 'ui{Enter}')
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(formStatus(canvasElement)).toHaveTextContent('Saved'))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ title: 'Ship the form', estimate: 8, size: 'l', done: true }),
      expect.objectContaining({ id: expect.stringMatching(/^[A-Za-z0-9]{20}$/) }),
    )
  },
}

/** Edit mode: pre-filled from the document; saving writes only the changed fields. */
export const Edit: Story = {
  args: { docId: 't1' },
  play: plays.Edit,
}

/** Edit mode: another user changes the document while it is edited; a banner offers both ways. */
export const RemoteChange: Story = {
  args: { docId: 't1' },
  play: plays.RemoteChange,
}
