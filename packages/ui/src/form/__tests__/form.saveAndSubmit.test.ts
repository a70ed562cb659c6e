import { describe, expect, it, vi } from 'vitest'
import { saveFormAndSubmit, type FormWriter } from '../form.save.js'
import type { FormSaveInfo } from '../form.submit.js'

const info: FormSaveInfo = {
  values: { title: 'A', note: '' },
  document: { title: 'A' },
  changes: [{ path: 'title', value: 'A' }],
}

function writer(): FormWriter & {
  add: ReturnType<typeof vi.fn>
  update: ReturnType<typeof vi.fn>
} {
  return { add: vi.fn(async () => 'new-id'), update: vi.fn(async () => undefined) }
}

describe('saveFormAndSubmit', () => {
  it('unbound: hands the values and changes to onSubmit, and resolves with what it returns', async () => {
    const onSubmit = vi.fn(() => 'done')
    await expect(saveFormAndSubmit(info, { onSubmit })).resolves.toBe('done')
    expect(onSubmit).toHaveBeenCalledWith(info.values, { changes: info.changes })
  })

  it('bound without a document: adds the document, then tells onSubmit its id', async () => {
    const w = writer()
    const onSubmit = vi.fn()
    await saveFormAndSubmit(info, { writer: w, onSubmit })
    expect(w.add).toHaveBeenCalledWith({ title: 'A' })
    expect(onSubmit).toHaveBeenCalledWith(info.values, { id: 'new-id', changes: info.changes })
  })

  it('bound to a document: updates the changed fields; a refused write never reaches onSubmit', async () => {
    const w = writer()
    const onSubmit = vi.fn()
    await saveFormAndSubmit(info, { writer: w, docId: 't1', onSubmit })
    expect(w.update).toHaveBeenCalledWith('t1', { title: 'A' })
    expect(onSubmit.mock.calls[0]?.[1]).toEqual({ id: 't1', changes: info.changes })

    w.update.mockRejectedValueOnce(new Error('denied'))
    await expect(saveFormAndSubmit(info, { writer: w, docId: 't1', onSubmit })).rejects.toThrow(
      'denied',
    )
    expect(onSubmit).toHaveBeenCalledTimes(1)
  })
})
