// The users the DataTable stories show, and a finder for the parts of their table: the main
// Storybook's, so both Storybooks' tables show and check the same rows.
export {
  USERS,
  columns,
  loadUsers,
  usersTableParts,
} from '../../../storybook/stories/support/users.js'
export type { User, UsersLoaded } from '../../../storybook/stories/support/users.js'
