import { act, render } from '@testing-library/react'
import { MetalProvider } from '@metal/react'
import { describeFormBehaviour } from '../../../__tests__/behaviour/form.suite.js'
import { Form } from '../../form/Form.js'

describeFormBehaviour({
  renderer: 'react',
  async render(props, metal) {
    const form = <Form {...props} />
    const view = render(metal ? <MetalProvider client={metal}>{form}</MetalProvider> : form)
    return { unmount: () => view.unmount() }
  },
  async act(fn) {
    await act(async () => {
      await fn()
    })
  },
})
