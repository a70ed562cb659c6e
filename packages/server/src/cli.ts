/** Runs the `metal-server` command with its arguments; resolves with the exit code. */
export async function main(args: readonly string[]): Promise<number | undefined> {
  console.error(`metal-server: not ready yet (${args.join(' ')})`)
  return 1
}
