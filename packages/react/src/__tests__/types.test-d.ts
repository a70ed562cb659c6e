import { describe, expectTypeOf, it } from 'vitest'
import type { InfiniteData } from '@tanstack/react-query'
import type {
  MetalDataConverter,
  AuthStatus,
  Conflict,
  MetalError,
  PresenceMember,
  Session,
  SyncStatus,
} from '@metal/core'
import { Metal } from '@metal/core'
import type { MetalPageParam, MetalRow } from '@metal/core/bindings'
import {
  useMetalAuth,
  useMetalDoc,
  useMetalMutation,
  useMetalPaginatedQuery,
  useMetalPresence,
  useMetalQuery,
  useMetalSync,
  useSuspenseMetalQuery,
} from '../index.js'

interface User {
  name: string
  age: number
  metadata?: { lastLogin: number }
}

describe('hook types', () => {
  it('useMetalQuery<User> gives User rows with an id', () => {
    const { data, error } = useMetalQuery<User>('users')
    expectTypeOf(data).toEqualTypeOf<MetalRow<User>[] | undefined>()
    expectTypeOf(data![0]!.id).toEqualTypeOf<string>()
    expectTypeOf(data![0]!.name).toEqualTypeOf<string>()
    expectTypeOf(error).toEqualTypeOf<MetalError | null>()
  })

  it('takes a typed query or reference, inferring the row type from it', () => {
    const db = new Metal({ projectId: 'p' }).db()
    const users = db.collection<User>('users')
    expectTypeOf(useMetalQuery(users.where('age', '>', 3)).data).toEqualTypeOf<
      MetalRow<User>[] | undefined
    >()
    expectTypeOf(useMetalQuery(users, { select: (rows) => rows.length }).data).toEqualTypeOf<
      number | undefined
    >()
    expectTypeOf(useMetalDoc(users.doc('a')).data).toEqualTypeOf<
      MetalRow<User> | null | undefined
    >()
    expectTypeOf(useMetalDoc(null as ReturnType<typeof users.doc> | null).data).toEqualTypeOf<
      MetalRow<User> | null | undefined
    >()
    expectTypeOf(useMetalPaginatedQuery(users.orderBy('age'), { pageSize: 5 }).data).toEqualTypeOf<
      InfiniteData<MetalRow<User>[], MetalPageParam> | undefined
    >()
    // @ts-expect-error a typed query takes no builder
    useMetalQuery(users, (q: typeof users) => q)
  })

  it('rows say whether a write to them is pending', () => {
    const { data } = useMetalQuery<User>('users')
    expectTypeOf(data![0]!.hasPendingWrites).toEqualTypeOf<boolean>()
  })

  it('the query builder is typed by the collection', () => {
    useMetalQuery<User>('users', (q) => q.where('metadata.lastLogin', '>', 0).orderBy('age'))
    // @ts-expect-error 'agee' is not a field of User
    useMetalQuery<User>('users', (q) => q.orderBy('agee'))
  })

  it('select narrows the data', () => {
    const { data } = useMetalQuery('users', undefined, { select: (rows) => rows.length })
    expectTypeOf(data).toEqualTypeOf<number | undefined>()
  })

  it('useSuspenseMetalQuery data is always defined', () => {
    expectTypeOf(useSuspenseMetalQuery<User>('users').data).toEqualTypeOf<MetalRow<User>[]>()
  })

  it('useMetalDoc gives a row or null, and its pending state', () => {
    expectTypeOf(useMetalDoc<User>('users', 'a').data).toEqualTypeOf<
      MetalRow<User> | null | undefined
    >()
    expectTypeOf(useMetalDoc<User>('users', 'a').hasPendingWrites).toEqualTypeOf<boolean>()
  })

  it('useMetalPaginatedQuery gives pages of rows', () => {
    expectTypeOf(useMetalPaginatedQuery<User>('users').data).toEqualTypeOf<
      InfiniteData<MetalRow<User>[], MetalPageParam> | undefined
    >()
  })

  it('useMetalMutation checks written data against the document type', () => {
    const users = useMetalMutation<User>('users')
    expectTypeOf(users.add({ name: 'Ada', age: 36 })).toEqualTypeOf<Promise<string>>()
    users.update('a', { 'metadata.lastLogin': 1 })
    // @ts-expect-error age must be a number
    users.set('a', { name: 'Ada', age: '36' })
    // @ts-expect-error 'nope' is not a field path of User
    users.update('a', { nope: 1 })
  })

  it('useMetalPresence gives members, others and self', () => {
    const { members, others, self, track } = useMetalPresence({ room: 'lobby' })
    expectTypeOf(members).toEqualTypeOf<readonly PresenceMember[]>()
    expectTypeOf(others).toEqualTypeOf<readonly PresenceMember[]>()
    expectTypeOf(self).toEqualTypeOf<PresenceMember | null>()
    track({ userId: 'u1', metadata: { page: '/' } })
    // @ts-expect-error userId is required
    useMetalPresence({ track: { status: 'online' } })
  })

  it('useMetalAuth gives the status and the session', () => {
    const { status, session, authenticate } = useMetalAuth()
    expectTypeOf(status).toEqualTypeOf<AuthStatus>()
    expectTypeOf(session).toEqualTypeOf<Session | null>()
    expectTypeOf(authenticate({ type: 'jwt', token: 'a.b.c' })).toEqualTypeOf<Promise<Session>>()
    // @ts-expect-error unknown credential type
    authenticate({ type: 'magic', token: 'x' })
  })

  it('useMetalSync gives status, pending and conflicts', () => {
    const { status, pending, conflicts } = useMetalSync('docs', {
      conflict: 'last-write-wins',
      onConflict: (c) => c.remote,
    })
    expectTypeOf(status).toEqualTypeOf<SyncStatus>()
    expectTypeOf(pending).toEqualTypeOf<number>()
    expectTypeOf(conflicts).toEqualTypeOf<readonly Conflict[]>()
    // @ts-expect-error not a strategy
    useMetalSync('docs', { conflict: 'newest' })
  })
})

describe('hook types with a converter', () => {
  interface Person {
    label: string
    years: number
  }
  const converter = {} as MetalDataConverter<Person, User>
  const users = new Metal({ projectId: 'p' }).db().collection<User>('users')

  it('rows of a converted query or document are the models', () => {
    expectTypeOf(
      useMetalQuery(users.where('age', '>', 3).withConverter(converter)).data,
    ).toEqualTypeOf<MetalRow<Person>[] | undefined>()
    expectTypeOf(
      useMetalQuery(users.withConverter(converter).composite().where('age', '>', 1)).data,
    ).toEqualTypeOf<MetalRow<Person>[] | undefined>()
    expectTypeOf(useMetalDoc(users.doc('a').withConverter(converter)).data).toEqualTypeOf<
      MetalRow<Person> | null | undefined
    >()
    expectTypeOf(
      useMetalPaginatedQuery(users.orderBy('age').withConverter(converter), { pageSize: 5 }).data,
    ).toEqualTypeOf<InfiniteData<MetalRow<Person>[], MetalPageParam> | undefined>()
  })
})
