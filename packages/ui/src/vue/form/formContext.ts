import { inject, provide, type ComputedRef, type InjectionKey } from 'vue'
import { invalid } from '../../invalid.js'
import type { UseFormResult } from './useForm.js'

const KEY: InjectionKey<ComputedRef<UseFormResult>> = Symbol('metal-form')

/** Makes a form the one `<FormField>`s inside find without a `form` prop. */
export function provideForm(form: ComputedRef<UseFormResult>): void {
  provide(KEY, form)
}

/** The form a `<FormField>` renders: its own `form` prop, else the nearest `<Form>`'s. */
export function useFormContext(
  own: () => UseFormResult | undefined,
  call: string,
): () => UseFormResult {
  const outer = inject(KEY, null)
  return () => {
    const form = own() ?? outer?.value
    if (!form) throw invalid(call, 'form', 'a form (from useForm) or a parent <Form>', form)
    return form
  }
}
