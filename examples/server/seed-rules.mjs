// Placeholder for the demo's seed rules (the full set lands with the REST work): signed-in users
// read and write tasks; everything else is refused.
const signedIn = ({ auth }) => auth !== null

/** Access rules of the demo project. */
export const seedRules = {
  documents: {
    'tasks/{taskId}': { read: signedIn, write: signedIn },
  },
}
