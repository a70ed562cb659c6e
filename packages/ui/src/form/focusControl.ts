// Moving focus to a field's control: by its id, else the first control inside the field.

const TEXT_INPUTS = 'input:not([type="hidden"]):not([disabled]), textarea:not([disabled])'
const FOCUSABLE = `${TEXT_INPUTS}, button:not([disabled]), [tabindex]:not([tabindex="-1"]), fieldset[tabindex]`

/**
 * Focuses the control with `id` (a `connectForm` control id); when that element is not itself
 * focusable (a control that keeps its id on a wrapper), the first text input inside the field
 * (`<id>-field`), else its first focusable element. Returns whether something took focus.
 */
export function focusFormControl(doc: Document, id: string): boolean {
  const byId = doc.getElementById(id)
  const scope = doc.getElementById(`${id}-field`) ?? byId
  const target =
    byId && byId.matches(FOCUSABLE)
      ? byId
      : (scope?.querySelector<HTMLElement>(TEXT_INPUTS) ??
        scope?.querySelector<HTMLElement>(FOCUSABLE) ??
        null)
  if (!target) return false
  target.focus()
  return doc.activeElement === target
}
