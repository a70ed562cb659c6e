/**
 * Visibility of transactions in a PostgreSQL snapshot (`pg_current_snapshot()::text`, written
 * `xmin:xmax:xip,…`): a transaction id is visible when it is below `xmin`, or below `xmax` and
 * not in the in-progress list. Used to tell which logged commits a scan already saw.
 */
export function visibleIn(snapshot: string): (xid: bigint) => boolean {
  const [xmin, xmax, xip = ''] = snapshot.split(':')
  const min = BigInt(xmin as string)
  const max = BigInt(xmax as string)
  const running = new Set(xip === '' ? [] : xip.split(',').map((x) => BigInt(x)))
  return (xid) => xid < min || (xid < max && !running.has(xid))
}
