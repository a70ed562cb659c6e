import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'
import '../../__tests__/jsdomDialog.js'

// Live tables wait on real Metal round trips; on a busy 2-core CI machine these take longer than
// Testing Library's default 1 s, so waitFor/findBy get more time (a wrong result still fails).
configure({ asyncUtilTimeout: 5000 })

afterEach(() => cleanup())
