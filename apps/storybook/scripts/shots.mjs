// The stories scripts/screenshots.mjs shoots, light and dark, per Storybook app: where the root
// `npm run build-storybook` writes its static build and where its pictures go (both relative to
// apps/storybook).

/**
 * One representative story per component, in the state its play function leaves it in; `open`
 * for those that leave a popover or dialog open.
 */
const REACT_SHOTS = [
  // Page 3 of 7 (the play function steps back from 4): every button enabled, rows per page.
  { name: 'pagination', story: 'components-pagination--middle-page' },
  { name: 'pagination-rtl', story: 'components-pagination--right-to-left' },
  // Unbound rows, sorted by Name descending by the play function.
  { name: 'data-table', story: 'components-datatable--sorting' },
  // Bound to an embedded Metal collection; "User 001" renamed "Grace" by a second client.
  { name: 'data-table-bound', story: 'components-datatable--bound-and-live' },
  // Create mode after a submit with errors: messages under the invalid fields.
  { name: 'form-create', story: 'components-form--validation' },
  // Edit mode, pre-filled from the document and saved.
  { name: 'form-edit', story: 'components-form--edit' },
  { name: 'form-tags', story: 'components-form--tags' },
  { name: 'form-filled', story: 'components-form--filled' },
  { name: 'form-rtl', story: 'components-form--right-to-left' },
  // A live tasks page: Ada on the page and editing a row, her banner in the open edit dialog.
  { name: 'collection-page', story: 'components-collectionpage--presence' },
  // Offline after a bulk status change: two rows marked as saving, counted in the header.
  { name: 'collection-page-pending', story: 'components-collectionpage--pending-writes' },
  { name: 'collection-page-rtl', story: 'components-collectionpage--right-to-left' },
  // The Material 3 colour roles of theme.css.
  { name: 'tokens', story: 'tokens-colour-roles--baseline' },
  // The controls, each in the state its play function leaves it in.
  { name: 'button', story: 'controls-button--variants' },
  { name: 'icon-button', story: 'controls-iconbutton--variants-and-toggles' },
  { name: 'checkbox', story: 'controls-checkbox--states' },
  { name: 'radio', story: 'controls-radio--click' },
  { name: 'switch', story: 'controls-switch--icons-and-disabled' },
  { name: 'progress', story: 'controls-progress--determinate' },
  { name: 'text-field', story: 'controls-textfield--outlined' },
  { name: 'text-field-filled', story: 'controls-textfield--filled' },
  { name: 'text-field-error', story: 'controls-textfield--with-error' },
  { name: 'text-field-counter', story: 'controls-textfield--counter' },
  { name: 'select', open: true, story: 'controls-select--open' },
  { name: 'select-error', story: 'controls-select--with-error' },
  { name: 'menu', open: true, story: 'controls-menu--open' },
  { name: 'popover', open: true, story: 'controls-popover--basic' },
  { name: 'chips', story: 'controls-chips--chip-kinds' },
  { name: 'chip-input', story: 'controls-chips--input' },
  { name: 'date-field', open: true, story: 'controls-datefield--german' },
  { name: 'dialog', open: true, story: 'controls-dialog--basic' },
  { name: 'confirm-dialog', open: true, story: 'controls-dialog--confirm-destructive' },
  { name: 'tooltip', open: true, story: 'controls-tooltip--focus' },
]

/** The Vue views (apps/storybook-vue), each in the state its play function leaves it in. */
const VUE_SHOTS = [
  { name: 'button', story: 'controls-button--variants' },
  { name: 'icon-button', story: 'controls-iconbutton--variants-and-toggles' },
  { name: 'icon', story: 'controls-icon--gallery' },
  { name: 'progress', story: 'controls-progress--determinate' },
  { name: 'checkbox', story: 'controls-checkbox--states' },
  { name: 'switch', story: 'controls-switch--icons-and-disabled' },
  { name: 'radio', story: 'controls-radiogroup--click' },
  { name: 'chips', story: 'controls-chip--chip-kinds' },
  { name: 'text-field', story: 'controls-textfield--outlined' },
  { name: 'text-field-filled', story: 'controls-textfield--filled' },
  { name: 'select', open: true, story: 'controls-select--open' },
  { name: 'select-error', story: 'controls-select--with-error' },
  { name: 'menu', open: true, story: 'controls-menu--open' },
  { name: 'popover', open: true, story: 'controls-popover--basic' },
  { name: 'date-field', open: true, story: 'controls-datefield--calendar' },
  { name: 'tooltip', open: true, story: 'controls-tooltip--focus' },
  { name: 'chip-input', story: 'controls-chip--input' },
  { name: 'dialog', open: true, story: 'controls-dialog--basic' },
  { name: 'confirm-dialog', open: true, story: 'controls-dialog--confirm-destructive' },
  { name: 'pagination', story: 'components-pagination--middle-page' },
  { name: 'pagination-cursor', story: 'components-pagination--cursor-mode' },
  // Unbound rows sorted by Name descending, on page 2.
  { name: 'data-table', story: 'components-datatable--sorting' },
  // Bound to an embedded Metal collection; "User 001" renamed "Grace" by a second client.
  { name: 'data-table-bound', story: 'components-datatable--bound-and-live' },
  // Create mode after a submit with errors; edit mode with the remote-change banner answered.
  { name: 'form-create', story: 'components-form--validation' },
  { name: 'form-edit', story: 'components-form--remote-change' },
]

/** Per app (package name): its static build, its pictures' folder, its shots. */
export const STORYBOOKS = {
  '@metal/storybook': { site: 'storybook-static', out: 'screenshots', shots: REACT_SHOTS },
  '@metal/storybook-vue': {
    site: 'storybook-static/vue',
    out: 'screenshots/vue',
    shots: VUE_SHOTS,
  },
}
