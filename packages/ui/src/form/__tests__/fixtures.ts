import type { EntityDefinition } from '../form.types.js'

/** A task entity using every field type. */
export const TASK: EntityDefinition = {
  name: 'task',
  label: 'Task',
  fields: [
    { name: 'title', type: 'string', label: 'Title', rules: { required: true, minLength: 3 } },
    { name: 'description', type: 'text', label: 'Description', description: 'Markdown allowed' },
    { name: 'estimate', type: 'number', label: 'Estimate', rules: { min: 0, max: 100 } },
    { name: 'done', type: 'boolean', label: 'Done' },
    { name: 'due', type: 'date', label: 'Due', rules: { min: '2024-01-01' } },
    {
      name: 'priority',
      type: 'enum',
      label: 'Priority',
      options: ['low', 'medium', { value: 'high', label: 'High!' }],
      defaultValue: 'medium',
    },
    { name: 'owner', type: 'email', label: 'Owner e-mail' },
    { name: 'link', type: 'url', label: 'Link' },
    {
      name: 'tags',
      type: 'array',
      label: 'Tags',
      item: { name: 'tag', type: 'string', label: 'Tag', rules: { required: true } },
      rules: { maxLength: 3 },
    },
    {
      name: 'address',
      type: 'object',
      label: 'Address',
      fields: [
        { name: 'city', type: 'string', label: 'City', rules: { required: true } },
        { name: 'zip', type: 'string', label: 'ZIP', rules: { pattern: '\\d{5}' } },
      ],
    },
  ],
}
