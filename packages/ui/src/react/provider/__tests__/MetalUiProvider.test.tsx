import { describe, expect, it } from 'vitest'
import { act, render, screen } from '@testing-library/react'
import { MetalError } from '@metal/core'
import { mergeUiMessages, DEFAULT_UI_MESSAGES } from '../../../messages.js'
import { Pagination } from '../../pagination/Pagination.js'
import { Select } from '../../controls/Select.js'
import { MetalUiProvider, useUiDirection, useUiMessages } from '../MetalUiProvider.js'

function Words() {
  const words = useUiMessages('pagination', { lastPage: 'Own last' })
  return (
    <p>
      {words.nextPage} / {words.lastPage} / {useUiDirection()}
    </p>
  )
}

describe('<MetalUiProvider>', () => {
  it('translates words for every component inside; a component’s own words win', () => {
    render(
      <MetalUiProvider messages={{ pagination: { nextPage: 'Weiter', lastPage: 'Ende' } }}>
        <Words />
      </MetalUiProvider>,
    )
    expect(screen.getByText('Weiter / Own last / ltr')).toBeTruthy()
  })

  it('nests: an inner provider changes some words and the direction for its part', () => {
    render(
      <MetalUiProvider messages={{ pagination: { nextPage: 'Weiter' } }}>
        <MetalUiProvider dir="rtl" messages={{ pagination: { previousPage: 'Zurück' } }}>
          <Words />
        </MetalUiProvider>
      </MetalUiProvider>,
    )
    expect(screen.getByText('Weiter / Own last / rtl')).toBeTruthy()
  })

  it('gives Pagination the app’s words', () => {
    render(
      <MetalUiProvider messages={{ pagination: { navigationLabel: 'Seiten' } }}>
        <Pagination total={100} />
      </MetalUiProvider>,
    )
    expect(screen.getByRole('navigation', { name: 'Seiten' })).toBeTruthy()
  })

  it('gives the controls the app’s words', () => {
    render(
      <MetalUiProvider messages={{ select: { placeholder: 'Bitte wählen' } }}>
        <Select
          label="Status"
          value={null}
          options={[{ value: 'a', label: 'A' }]}
          onValueChange={() => {}}
        />
      </MetalUiProvider>,
    )
    const select = screen.getByRole('combobox', { name: /Status/ })
    act(() => select.focus()) // the placeholder shows while the label floats
    expect(select.textContent).toContain('Bitte wählen')
  })

  it('refuses an unknown direction or section, naming it', () => {
    expect(() => render(<MetalUiProvider dir={'up' as 'ltr'} />)).toThrow(/dir.*up/)
    expect(() => mergeUiMessages({ paging: {} } as never)).toThrow(MetalError)
    expect(() => mergeUiMessages({ paging: {} } as never)).toThrow(/paging/)
    expect(() => mergeUiMessages({ form: 'x' } as never)).toThrow(/messages\.form/)
    expect(mergeUiMessages(undefined)).toBe(DEFAULT_UI_MESSAGES)
  })
})
