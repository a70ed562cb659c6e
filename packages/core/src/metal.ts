import { describe, invalidArgument, type MetalError } from './errors.js'
import { MemoryBackend } from './backends/memory.js'
import { Database } from './database.js'
import { Store } from './store/store.js'
import type { Backend } from './backends/backend.js'

/** Options of `new Metal()`. */
export interface MetalOptions {
  /** The project's API key (checked by a Metal server; unused by the embedded backend). */
  apiKey?: string
  /**
   * Which project's data to use; projects never see each other's data.
   * @default 'default'
   */
  projectId?: string
  /**
   * Where documents live. Share one backend between several clients to model several users.
   * @default a new embedded memory backend
   */
  backend?: Backend
}

const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/

/** A Metal client: the entry point to the database and, later, auth, presence and sync. */
export class Metal {
  /** The project this client reads and writes. */
  readonly projectId: string
  /** The backend this client is connected to. */
  readonly backend: Backend
  private readonly store: Store
  private database: Database | undefined

  /** Creates a client. With no options it runs fully in-process on an embedded backend. */
  constructor(options: MetalOptions = {}) {
    if (typeof options !== 'object' || options === null) {
      throw invalidArgument('new Metal()', `options must be an object, got ${describe(options)}`)
    }
    const { apiKey, projectId = 'default', backend } = options
    if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '')) {
      throw invalidArgument(
        'new Metal()',
        `option 'apiKey' must be a non-empty string, got ${describe(apiKey)}`,
      )
    }
    if (typeof projectId !== 'string' || !PROJECT_ID.test(projectId)) {
      throw invalidArgument(
        'new Metal()',
        `option 'projectId' must be 1-63 letters, digits, '-' or '_', got ${describe(projectId)}`,
      )
    }
    if (
      backend !== undefined &&
      (typeof backend !== 'object' || backend === null || typeof backend.connect !== 'function')
    ) {
      throw invalidArgument(
        'new Metal()',
        `option 'backend' must be a Backend (memory() or remote()), got ${describe(backend)}`,
      )
    }
    this.projectId = projectId
    this.backend = backend ?? new MemoryBackend()
    this.store = new Store(this.backend, projectId)
  }

  /** The document database. */
  db(): Database {
    return (this.database ??= new Database(this.store))
  }

  /** Listens for writes that failed after resolving locally (`{ wait: 'local' }`); they are rolled back. */
  onWriteError(listener: (error: MetalError) => void): () => void {
    if (typeof listener !== 'function') {
      throw invalidArgument(
        'onWriteError()',
        `listener must be a function, got ${describe(listener)}`,
      )
    }
    return this.store.onWriteError(listener)
  }

  /** Stops every subscription and closes the connection to the backend. */
  close(): void {
    this.store.close()
  }
}
