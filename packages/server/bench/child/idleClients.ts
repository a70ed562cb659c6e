// Idle-clients child (figure 5): opens many WebSocket connections to one server, in batches
// (10,000 at once would overflow the listen backlog), and holds them. Against a Metal server
// each sends its hello and one live query on an empty result (`where('owner', '==', 'u<i>')`)
// and waits for the welcome and the first push; against the bare server it only connects.

import WebSocket from 'ws'
import { serveParent } from '../shared/child.js'
import { MetalSocket, equalityQuery } from '../wire/metalSocket.js'

const open: { terminate(): void }[] = []

async function one(a: ConnectArgs, i: number): Promise<void> {
  if (a.mode === 'metal') {
    const s = await MetalSocket.open(a.url, a.project, 120_000)
    open.push(s.ws)
    if (a.listen) await s.listen(1, equalityQuery('idle', 'owner', `u${i}`))
    return
  }
  const ws = new WebSocket(a.url, { perMessageDeflate: false })
  open.push(ws)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
}

interface ConnectArgs {
  mode: 'metal' | 'bare'
  url: string
  project: string
  count: number
  batch: number
  listen: boolean
}

async function connect(a: ConnectArgs): Promise<{ open: number; ms: number }> {
  const start = performance.now()
  for (let i = 0; i < a.count; i += a.batch) {
    const batch: Promise<void>[] = []
    for (let k = i; k < Math.min(a.count, i + a.batch); k++) batch.push(one(a, k))
    await Promise.all(batch)
  }
  return { open: open.length, ms: performance.now() - start }
}

function close(): { closed: number } {
  const n = open.length
  for (const ws of open.splice(0)) ws.terminate()
  return { closed: n }
}

serveParent({ connect, close })
