import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, fn, userEvent, waitFor, within } from 'storybook/test'
import type { Metal } from '@metal/core'
import { MetalProvider } from '@metal/react'
import type { EntityDefinition } from '@metal/ui'
import { Form, MetalUiProvider } from '@metal/ui/react'
import { closeDemoClients, demoBackend, demoClient } from './support/demoClients.js'
import { findNativeControls } from './support/nativeControls.js'
import { formStatus, plays } from './Form.shared.js'

/** A task, as an entity definition: one field of most types, with rules. */
const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    {
      name: 'description',
      type: 'text',
      label: 'Description',
      description: 'Markdown allowed',
      rules: { maxLength: 500 },
    },
    { name: 'estimate', type: 'number', label: 'Estimate (hours)', rules: { min: 0, max: 100 } },
    { name: 'due', type: 'date', label: 'Due date', rules: { min: '2020-01-01' } },
    {
      name: 'priority',
      type: 'enum',
      label: 'Priority',
      options: ['low', 'medium', 'high', 'urgent'],
      defaultValue: 'medium',
      rules: { required: true },
    },
    {
      name: 'size',
      type: 'enum',
      label: 'Size',
      options: [
        { value: 's', label: 'Small' },
        { value: 'm', label: 'Medium' },
        { value: 'l', label: 'Large' },
      ],
      widget: 'radio',
    },
    { name: 'done', type: 'boolean', label: 'Done' },
    { name: 'billable', type: 'boolean', label: 'Billable', widget: 'checkbox' },
    { name: 'owner', type: 'email', label: 'Owner e-mail' },
    { name: 'link', type: 'url', label: 'Link' },
    {
      name: 'assignee',
      type: 'relation',
      label: 'Assignee',
      relation: { collection: 'users', labelField: 'name' },
    },
    {
      name: 'tags',
      type: 'array',
      label: 'Tags',
      description: 'Enter or comma adds a tag',
      item: { name: 'tag', type: 'string', label: 'Tag' },
      rules: { maxLength: 5 },
    },
    {
      name: 'address',
      type: 'object',
      label: 'Location',
      fields: [
        { name: 'city', type: 'string', label: 'City' },
        { name: 'zip', type: 'string', label: 'ZIP', rules: { pattern: '\\d{5}' } },
      ],
    },
  ],
}

type Loaded = { metal: Metal; ada: Metal }

/**
 * `<Form schema={entity} collection="tasks" docId? onSubmit? />` builds a form from an entity
 * definition, validates it with the fields' rules (and optionally a Standard Schema validator),
 * creates documents with `add` and edits them with `update` of the changed fields only. The logic
 * is the headless model in `@metal/ui` (`initForm`, `transitionForm`, `connectForm`).
 *
 * Here two clients share one embedded `memory()` backend: the form is "you"; the buttons below it
 * act as a second user, "Ada", through her own client.
 */
const meta = {
  title: 'Components/Form',
  component: Form,
  args: { schema: TASK, collection: 'tasks', onSubmit: fn() },
  loaders: [
    async ({ id }): Promise<Loaded> => {
      const backend = demoBackend()
      const metal = demoClient(id, { backend })
      const users = metal.db().collection('users')
      await users.doc('ada').set({ name: 'Ada Lovelace' })
      await users.doc('alan').set({ name: 'Alan Turing' })
      await users.doc('grace').set({ name: 'Grace Hopper' })
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
  render: (args, { loaded, name, viewMode }) => {
    const { metal, ada } = loaded as Loaded
    const edit = () =>
      ada.db().collection('tasks').doc('t1').update({ title: 'Write the guide', estimate: 5 })
    // A docs page shows every story at once: each form (named by its title) and each card get a
    // name of their own there, as landmarks of one page must.
    const docs = viewMode === 'docs'
    const schema = docs ? { ...args.schema, label: `${args.schema.label} (${name})` } : args.schema
    return (
      <div style={{ display: 'grid', gap: 16, padding: 24 }}>
        <MetalProvider client={metal}>
          <Form {...args} schema={schema} />
        </MetalProvider>
        {args.docId && (
          <MetalProvider client={ada}>
            <section
              className="metal-demo-card"
              aria-label={docs ? `Simulated user (${name})` : 'Simulated user'}
            >
              <button className="metal-demo-button" type="button" onClick={() => void edit()}>
                Ada edits the task
              </button>
            </section>
          </MetalProvider>
        )}
      </div>
    )
  },
} satisfies Meta<typeof Form>

export default meta
type Story = StoryObj<typeof meta>

/**
 * Create mode: submitting empty shows the errors, lists them in a summary whose links move focus,
 * and moves focus to the first invalid field.
 */
export const Validation: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    const title = canvas.getByRole('textbox', { name: /^Title/ })
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(title).toHaveFocus())
    await expect(title).toHaveAttribute('aria-invalid', 'true')
    await expect(title).toHaveAccessibleDescription('Title is required')
    const summary = canvas.getByRole('region', { name: '1 field needs attention' })
    await expect(within(summary).getByRole('link', { name: 'Title' })).toBeVisible()

    await userEvent.type(title, 'ab')
    await userEvent.tab()
    await expect(title).toHaveAccessibleDescription('Title must have at least 3 characters')
    await userEvent.type(canvas.getByRole('textbox', { name: 'ZIP' }), '12')
    await userEvent.type(title, 'c')
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(canvas.getByRole('textbox', { name: 'ZIP' })).toHaveFocus())
    await expect(title).not.toHaveAttribute('aria-invalid')
    await expect(args.onSubmit).not.toHaveBeenCalled()
  },
}

/** Create mode: a valid submit adds the document and says so. */
export const Submit: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await expect(findNativeControls(canvasElement)).toEqual([])
    await userEvent.type(canvas.getByRole('textbox', { name: /^Title/ }), 'Ship the form')
    await userEvent.type(canvas.getByRole('spinbutton', { name: 'Estimate (hours)' }), '8')
    await userEvent.click(canvas.getByRole('radio', { name: 'Large' }))
    await userEvent.click(canvas.getByRole('switch', { name: 'Done' }))
    await userEvent.type(canvas.getByRole('combobox', { name: 'Assignee' }), 'Gr')
    await userEvent.click(await canvas.findByRole('option', { name: 'Grace Hopper' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(formStatus(canvasElement)).toHaveTextContent('Saved'))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Ship the form',
        estimate: 8,
        size: 'l',
        done: true,
        assignee: 'grace',
      }),
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

/** Tags are input chips: Enter or a comma adds one, each chip has a remove button. */
export const Tags: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: /^Title/ }), 'Tag me')
    const tags = canvas.getByRole('textbox', { name: /^Tags/ })
    await userEvent.type(tags, 'ui{Enter}docs,urgent{Enter}')
    await userEvent.click(canvas.getByRole('button', { name: 'Remove docs' }))
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(formStatus(canvasElement)).toHaveTextContent('Saved'))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ tags: ['ui', 'urgent'] }),
      expect.anything(),
    )
  },
}

/** The due date is a date field: typed (ISO or the locale's order) or picked in the calendar. */
export const DueDate: Story = {
  play: async ({ canvasElement, args }) => {
    const canvas = within(canvasElement)
    await userEvent.type(canvas.getByRole('textbox', { name: /^Title/ }), 'Plan the year')
    const due = canvas.getByRole('textbox', { name: /^Due date/ })
    await userEvent.type(due, '2019-12-31')
    await userEvent.tab()
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(due).toHaveFocus())
    await expect(due).toHaveAttribute('aria-invalid', 'true')

    await userEvent.clear(due)
    await userEvent.type(due, '2026-12-24')
    await userEvent.tab()
    // The calendar opens on the typed date; → and Enter pick the next day.
    await userEvent.click(canvas.getByRole('button', { name: 'Choose date' }))
    const calendar = within(document.body)
    await expect(await calendar.findByRole('grid', { name: 'December 2026' })).toBeVisible()
    await waitFor(() =>
      expect(calendar.getByRole('gridcell', { name: 'Thursday, December 24, 2026' })).toHaveFocus(),
    )
    await userEvent.keyboard('{ArrowRight}{Enter}')
    await expect(due).toHaveValue('12/25/2026')
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    await waitFor(() => expect(formStatus(canvasElement)).toHaveTextContent('Saved'))
    await expect(args.onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ due: '2026-12-25' }),
      expect.anything(),
    )
  },
}

/** Filled text fields instead of outlined ones (`variant="filled"`). */
export const Filled: Story = {
  args: { variant: 'filled' },
}

/** Right to left: the form, its fields and its error summary mirror; focus still goes to the first error. */
export const RightToLeft: Story = {
  render: (args, context) => (
    <div dir="rtl" lang="ar">
      <MetalUiProvider dir="rtl">{meta.render(args, context)}</MetalUiProvider>
    </div>
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement)
    const form = canvasElement.querySelector('form') as HTMLFormElement
    await expect(getComputedStyle(form).direction).toBe('rtl')
    await userEvent.click(canvas.getByRole('button', { name: 'Create' }))
    const title = canvas.getByRole('textbox', { name: /^Title/ })
    await waitFor(() => expect(title).toHaveFocus())
    await expect(canvas.getByRole('region', { name: '1 field needs attention' })).toBeVisible()
  },
}
