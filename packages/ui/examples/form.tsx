import { useState } from 'react'
import { z } from 'zod'
import type { EntityDefinition } from '@metal/ui'
import { Form } from '@metal/ui/react'

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
const contactSchema = z
  .object({ stage: z.string(), email: z.string() })
  .refine((c) => c.stage !== 'customer' || !c.email.endsWith('@example.com'), {
    path: ['email'],
    message: 'Customers need a real address',
  })

export function NewContact({ onCreated }: { onCreated(id: string): void }) {
  return (
    <Form
      schema={contactEntity}
      validator={contactSchema}
      collection="contacts" // create mode: adds a document
      defaultValues={{ vip: false }}
      timestamps={{ createdAt: 'createdAt', updatedAt: 'updatedAt' }}
      onSubmit={(_values, { id }) => onCreated(id!)}
    />
  )
}

export function EditContact({ id, me }: { id: string; me: { uid: string; name: string } }) {
  const [lost, setLost] = useState<string | null>(null)
  return (
    <>
      <Form
        schema={contactEntity}
        validator={contactSchema}
        collection="contacts"
        docId={id} // edit mode: loads, follows and updates this document
        presence={{ room: 'contacts', userId: me.uid, name: me.name }}
        onSubmit={(_values, { changes }) => console.log('saved', changes)}
        onSaveError={(error) => setLost(error.message)} // runs even if the form is gone
        submitLabel="Save contact"
      />
      {lost && <p role="alert">Not saved: {lost}</p>}
    </>
  )
}

/** Unbound: no collection, `onSubmit` saves (a rejection shows as the form's error). */
export function Feedback() {
  return (
    <Form
      schema={{
        name: 'feedback',
        fields: [{ name: 'message', type: 'text', label: 'Message', rules: { required: true } }],
      }}
      onSubmit={async (values) => {
        const response = await fetch('/api/feedback', {
          method: 'POST',
          body: JSON.stringify(values),
        })
        if (!response.ok) throw new Error(`the server answered ${response.status}`)
      }}
      messages={{ create: 'Send' }}
    />
  )
}
