import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { screen, within } from '@testing-library/dom'
import userEvent from '@testing-library/user-event'
import { h } from 'vue'
import type { EntityDefinition } from '../../../form/form.types.js'
import { MetalUiProvider } from '../../provider/MetalUiProvider.js'
import { Form } from '../Form.js'

const PERSON: EntityDefinition = {
  name: 'person',
  fields: [
    { name: 'name', type: 'string', label: 'Name', rules: { required: true } },
    { name: 'email', type: 'email', label: 'E-mail', rules: { required: true } },
  ],
}

describe('<Form> error summary and words (Vue)', () => {
  it('lists the invalid fields after a failed submit; a link moves focus to its field', async () => {
    const user = userEvent.setup()
    mount(Form, { props: { schema: PERSON }, attachTo: document.body })
    expect(screen.queryByRole('region', { name: /need attention/ })).toBeNull()
    await user.click(screen.getByRole('button', { name: 'Create' }))

    const summary = screen.getByRole('region', { name: '2 fields need attention' })
    const links = within(summary).getAllByRole('link')
    expect(links.map((l) => l.textContent)).toEqual(['Name', 'E-mail'])
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /^Name/ }))
    await user.click(links[1]!)
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /^E-mail/ }))
  })

  it('takes the app’s words from <MetalUiProvider>, its own messages prop winning', async () => {
    const user = userEvent.setup()
    mount(
      () =>
        h(
          MetalUiProvider,
          {
            messages: {
              form: { create: 'Anlegen', required: (label: string) => `${label} fehlt` },
            },
          },
          () =>
            h(Form, { schema: PERSON, messages: { errorSummary: (n) => `${n} Felder prüfen` } }),
        ),
      { attachTo: document.body },
    )
    await user.click(screen.getByRole('button', { name: 'Anlegen' }))
    expect(screen.getByRole('region', { name: '2 Felder prüfen' })).toBeTruthy()
    expect(screen.getByText('Name fehlt')).toBeTruthy()
  })
})
