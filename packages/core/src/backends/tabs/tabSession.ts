import { MetalError } from '../../errors.js'
import type { BackendRequest } from '../../protocol/backend.js'
import type { ServerCore } from '../../server/serverCore.js'
import type { ServerConnection } from '../../server/connection.js'
import { revive, type TabMessage } from './tabChannel.js'

/**
 * The holder tab's side of another tab's connection: requests served by this tab's server
 * logic, answers and pushes posted back in order. Requests arrive as structured clones of what
 * the other tab's client sent (its sentinels revived), so no request decoder is loaded: the
 * tabs of one origin run the same code and share one trust domain (any of them can open the
 * IndexedDB database itself). A request of the wrong shape fails like any bad request.
 */
export class TabSession {
  private readonly conn: ServerConnection
  private ended = false

  constructor(
    private readonly core: ServerCore,
    projectId: string,
    private readonly c: string,
    private readonly tab: string,
    private readonly post: (message: TabMessage) => void,
  ) {
    this.conn = core.open(projectId, (p) => this.reply({ t: 'push', c, to: tab, p }))
  }

  /** Serves one request of the other tab. */
  receive(id: number, request: BackendRequest, paths: unknown): void {
    if (this.ended) return
    const { c, tab } = this
    const fail = (error: unknown): void => {
      const e = MetalError.is(error) ? error : new MetalError('internal', 'internal error')
      this.reply({ t: 'err', c, to: tab, id, code: e.code, msg: e.message })
    }
    try {
      if (typeof request !== 'object' || request === null || typeof request.type !== 'string') {
        throw new MetalError('invalid-argument', 'request: expected a request object')
      }
      revive(request, paths)
      void this.core.handle(
        this.conn,
        request,
        (r) => this.reply({ t: 'res', c, to: tab, id, r }),
        fail,
      )
    } catch (error) {
      fail(error)
    }
  }

  /** The other tab (or this one) is gone: its live queries, transactions and presence end. */
  close(): void {
    if (this.ended) return
    this.ended = true
    this.core.disconnect(this.conn)
  }

  private reply(message: TabMessage): void {
    if (this.ended) return
    try {
      this.post(message)
    } catch {
      // A value the channel cannot clone (a defect): the request still gets an answer.
      if (message.t === 'res') {
        const { c, to, id } = message
        this.post({ t: 'err', c, to, id, code: 'internal', msg: 'internal error' })
      }
    }
  }
}
