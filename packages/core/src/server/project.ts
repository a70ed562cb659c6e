import type { BackendResponses } from '../protocol/backend.js'
import { MutationLog } from './mutationLog.js'

/** Per-project state of the server logic. */
export interface ProjectState {
  readonly mutations: MutationLog<BackendResponses['commit']>
  /**
   * Requests of the project run one at a time, in arrival order (with a change feed: only
   * listens and the feed's entries, so a listen's first result and the stream join exactly).
   */
  queue: Promise<void>
  /** With a change feed: position of the last entry routed for the project. */
  position: number
}

/** Requests that join a live result with the stream of changes. */
export const JOINS = new Set(['listen', 'listenAggregate'])

/** A project's state when a server first sees it. */
export function newProject(position: number): ProjectState {
  return {
    mutations: new MutationLog(),
    queue: Promise.resolve(),
    position,
  }
}
