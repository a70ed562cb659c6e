import { flushPromises, mount } from '@vue/test-utils'
import { QueryClient } from '@tanstack/vue-query'
import { MetalPlugin } from '@metal/vue'
import { describeFormBehaviour } from '../../../__tests__/behaviour/form.suite.js'
import { Form } from '../../form/Form.js'

// Each mount is an app of its own, whose useId() would start over: one prefix per app.
let apps = 0

describeFormBehaviour({
  renderer: 'vue',
  async render(props, metal) {
    // The neutral props are the Vue props: onSubmit, onSaveError and onCancel are function props.
    const wrapper = mount(Form, {
      props,
      attachTo: document.body,
      global: {
        config: { idPrefix: `app${++apps}` },
        plugins: metal ? [[MetalPlugin, { client: metal, queryClient: new QueryClient() }]] : [],
      },
    })
    await flushPromises()
    return { unmount: () => wrapper.unmount() }
  },
  async act(fn) {
    await fn()
    await flushPromises()
  },
})
