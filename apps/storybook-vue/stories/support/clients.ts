// The stories' Metal clients are the main Storybook's (embedded, nothing persisted, closed when
// the story is left): one module serves both Storybooks.
export {
  closeDemoClients,
  demoBackend,
  demoClient,
} from '../../../storybook/stories/support/demoClients.js'
