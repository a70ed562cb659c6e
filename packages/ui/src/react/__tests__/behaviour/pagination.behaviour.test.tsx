import { act, render } from '@testing-library/react'
import { describePaginationBehaviour } from '../../../__tests__/behaviour/pagination.suite.js'
import { Pagination } from '../../pagination/Pagination.js'

describePaginationBehaviour({
  renderer: 'react',
  async render(props) {
    const view = render(<Pagination {...props} />)
    return {
      async rerender(next) {
        await act(async () => view.rerender(<Pagination {...next} />))
      },
      unmount: () => view.unmount(),
    }
  },
})
