import { h, type VNode, type VNodeChild } from 'vue'
import type { TextFieldVariant } from '../../controls/text-field/textField.types.js'
import { Button } from '../controls/Button.js'
import { FormField } from './FormField.js'
import type { UseFormResult } from './useForm.js'

/** What the markup of a form takes besides the form itself. */
export interface FormViewOptions {
  variant?: TextFieldVariant | undefined
  locale?: string | undefined
  resettable?: boolean | undefined
  /** Whether a cancel button is shown (the form was given `onCancel`). */
  cancellable: boolean
  /** Who else edits this document now (bound edit mode, from presence). */
  editors: readonly string[]
  /** A custom layout of the fields (the default slot), instead of one `<FormField>` each. */
  fields?: (() => VNodeChild) | undefined
  /** Shown after the fields, before the actions (React's `children`). */
  afterFields?: (() => VNodeChild) | undefined
}

/** The markup of a form: title, banners, error summary, fields, status and actions. */
export function renderFormView(form: UseFormResult, options: FormViewOptions): VNode {
  const { state, messages, texts } = form
  const { editors } = options
  return h('form', { class: 'metal-form', ...form.getRootProps() }, [
    state.entity.label ? h('h2', form.getTitleProps(), state.entity.label) : null,
    h('p', form.getEditorsProps(editors), form.getEditorsText(editors)),
    form.remote
      ? h('div', form.getBannerProps(), [
          h('p', form.remote.message),
          h('div', form.getBannerActionsProps(), [
            h(
              Button,
              { ...form.getReloadProps(), variant: 'text', icon: 'refresh' },
              () => messages.reload,
            ),
            h(Button, { ...form.getKeepMineProps(), variant: 'text' }, () => messages.keepMine),
          ]),
        ])
      : null,
    texts.failure ? h('div', form.getAlertProps(), texts.failure) : null,
    form.formErrors.length > 0
      ? h(
          'ul',
          form.getAlertProps(),
          form.formErrors.map((error) => h('li', { key: error }, error)),
        )
      : null,
    h('section', form.getErrorSummaryProps(), [
      h('h3', form.getErrorSummaryTitleProps(), texts.errorSummary ?? ''),
      h(
        'ul',
        form.errorSummary.map((item) =>
          h('li', { key: item.path }, [h('a', form.getErrorLinkProps(item.path), item.label)]),
        ),
      ),
    ]),
    state.status === 'loading'
      ? h('p', form.getLoadingProps(), messages.loading)
      : options.fields
        ? options.fields()
        : form.fields.map((field) =>
            h(FormField, {
              key: field.name,
              form,
              path: field.name,
              ...(options.variant ? { variant: options.variant } : {}),
              ...(options.locale ? { locale: options.locale } : {}),
            }),
          ),
    options.afterFields?.(),
    h('div', form.getActionsProps(), [
      h('p', form.getStatusProps(), texts.status),
      options.cancellable
        ? h(Button, { ...form.getCancelProps(), variant: 'text' }, () => messages.cancel)
        : null,
      options.resettable
        ? h(Button, { ...form.getResetProps(), variant: 'outlined' }, () => messages.reset)
        : null,
      h(Button, form.getSubmitProps(), () => texts.submit),
    ]),
  ])
}
