import { z } from 'zod'
import type { EntityDefinition } from '@metal/ui'

/** What the form shows: one control per field, in order. */
export const contactEntity: EntityDefinition = {
  name: 'contact',
  label: 'Contact',
  fields: [
    { name: 'name', type: 'string', label: 'Name', rules: { required: true, maxLength: 80 } },
    { name: 'email', type: 'email', label: 'E-mail', rules: { required: true } },
    { name: 'website', type: 'url', label: 'Website' },
    { name: 'notes', type: 'text', label: 'Notes', description: 'Seen only by your team' },
    { name: 'score', type: 'number', label: 'Score', rules: { min: 0, max: 100 } },
    { name: 'birthday', type: 'date', label: 'Birthday', rules: { max: '2010-12-31' } },
    { name: 'vip', type: 'boolean', label: 'VIP' },
    {
      name: 'stage',
      type: 'enum',
      label: 'Stage',
      options: [
        { value: 'lead', label: 'Lead' },
        { value: 'customer', label: 'Customer' },
      ],
      defaultValue: 'lead',
    },
    { name: 'tags', type: 'array', label: 'Tags', item: { name: 'tag', type: 'string' } },
    {
      name: 'address',
      type: 'object',
      label: 'Address',
      fields: [
        { name: 'street', type: 'string', label: 'Street' },
        { name: 'city', type: 'string', label: 'City' },
      ],
    },
    {
      name: 'companyId',
      type: 'relation',
      label: 'Company',
      relation: { collection: 'companies', labelField: 'name' },
    },
  ],
}

/** Checks across fields, run on submit after the fields' own rules (any Standard Schema). */
export const contactSchema = z
  .object({ stage: z.string(), email: z.string() })
  .refine((c) => c.stage !== 'customer' || !c.email.endsWith('@example.com'), {
    path: ['email'],
    message: 'Customers need a real address',
  })
