import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

// The reference of the fan-out figures: a bare `ws` server that does only the unavoidable part
// of a live query's delivery. A subscriber says which groups it wants (`{"sub":[…]}`, answered
// `{"ok":true}`); a writer publishes a document to a group (`{"pub":g,"doc":{…}}`), and the
// server wraps it in a frame of the same shape and size as Metal's push, serialises it once and
// sends it to every subscriber of that group. No storage, no matching beyond a map lookup.

/** A running reference server. */
export interface FanoutServer {
  url: string
  close(): Promise<void>
}

/** Starts the reference fan-out server on a free loopback port. */
export async function startFanoutServer(): Promise<FanoutServer> {
  const http: Server = createServer((_req, res) => res.end())
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false })
  const groups = new Map<number, Set<WebSocket>>()
  let position = 0
  wss.on('connection', (ws) => {
    const mine: number[] = []
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as { sub?: number[]; pub?: number; doc?: unknown }
      if (msg.sub) {
        for (const g of msg.sub) {
          let set = groups.get(g)
          if (!set) groups.set(g, (set = new Set()))
          set.add(ws)
          mine.push(g)
        }
        ws.send('{"ok":true}')
        return
      }
      const subscribers = groups.get(msg.pub as number)
      if (!subscribers) return
      const frame = JSON.stringify({
        push: {
          type: 'target',
          targetId: 1,
          upserts: [msg.doc],
          removes: [],
          resume: `00000000-0000-0000-0000-000000000000:${++position}`,
        },
      })
      for (const s of subscribers) s.send(frame)
    })
    ws.on('close', () => {
      for (const g of mine) groups.get(g)?.delete(ws)
    })
    ws.on('error', () => ws.terminate())
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
  const { port } = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      for (const ws of wss.clients) ws.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
