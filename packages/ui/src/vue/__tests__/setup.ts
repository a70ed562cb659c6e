import { enableAutoUnmount } from '@vue/test-utils'
import { configure } from '@testing-library/dom'
import { afterEach } from 'vitest'
import '../../__tests__/jsdomDialog.js'

// As in the React views' setup: live tables wait on real Metal round trips on a busy machine.
configure({ asyncUtilTimeout: 5000 })

// Every mount() of a test is unmounted after it, as Testing Library's cleanup does for React.
enableAutoUnmount(afterEach)
