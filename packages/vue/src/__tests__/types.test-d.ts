import { describe, expectTypeOf, it } from 'vitest'
import type { Ref } from 'vue'
import type { InfiniteData } from '@tanstack/vue-query'
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
  useMetal,
  useMetalAuth,
  useMetalDoc,
  useMetalMutation,
  useMetalPaginatedQuery,
  useMetalPresence,
  useMetalQuery,
  useMetalSync,
} from '../index.js'

interface User {
  name: string
  age: number
  metadata?: { lastLogin: number }
}

describe('composable types', () => {
  it('useMetalQuery<User> gives User rows with an id, as refs', () => {
    const { data, error } = useMetalQuery<User>('users')
    expectTypeOf(data.value).toEqualTypeOf<MetalRow<User>[] | undefined>()
    expectTypeOf(data.value![0]!.id).toEqualTypeOf<string>()
    expectTypeOf(data.value![0]!.name).toEqualTypeOf<string>()
    expectTypeOf(error.value).toEqualTypeOf<MetalError | null>()
  })

  it('the query builder is typed by the collection', () => {
    useMetalQuery<User>('users', (q) => q.where('metadata.lastLogin', '>', 0).orderBy('age'))
    // @ts-expect-error 'agee' is not a field of User
    useMetalQuery<User>('users', (q) => q.orderBy('agee'))
  })

  it('arguments take refs and getters', () => {
    const id = {} as Ref<string | undefined>
    useMetalDoc<User>(() => 'users', id)
    useMetalQuery<User>({} as Ref<string>, undefined, () => ({ enabled: true }))
    // @ts-expect-error the id is a string
    useMetalDoc<User>('users', 1)
  })

  it('select narrows the data', () => {
    const { data } = useMetalQuery('users', undefined, { select: (rows) => rows.length })
    expectTypeOf(data.value).toEqualTypeOf<number | undefined>()
  })

  it('suspense() resolves with the result', async () => {
    const { data } = await useMetalQuery<User>('users').suspense()
    expectTypeOf(data).toEqualTypeOf<MetalRow<User>[] | undefined>()
  })

  it('takes a typed query or reference (or a getter of one), inferring the row type', () => {
    const db = new Metal({ projectId: 'p' }).db()
    const users = db.collection<User>('users')
    expectTypeOf(useMetalQuery(users.where('age', '>', 3)).data.value).toEqualTypeOf<
      MetalRow<User>[] | undefined
    >()
    expectTypeOf(useMetalQuery(() => users.orderBy('age')).data.value).toEqualTypeOf<
      MetalRow<User>[] | undefined
    >()
    expectTypeOf(useMetalQuery(users, { select: (rows) => rows.length }).data.value).toEqualTypeOf<
      number | undefined
    >()
    expectTypeOf(useMetalDoc(() => users.doc('a')).data.value).toEqualTypeOf<
      MetalRow<User> | null | undefined
    >()
    expectTypeOf(useMetalDoc(() => users.doc('a')).hasPendingWrites.value).toEqualTypeOf<boolean>()
    expectTypeOf(
      useMetalPaginatedQuery(users.orderBy('age'), { pageSize: 5 }).data.value,
    ).toEqualTypeOf<InfiniteData<MetalRow<User>[], MetalPageParam> | undefined>()
  })

  it('rows say whether a write to them is pending', () => {
    const { data } = useMetalQuery<User>('users')
    expectTypeOf(data.value![0]!.hasPendingWrites).toEqualTypeOf<boolean>()
  })

  it('useMetalDoc gives a row or null', () => {
    expectTypeOf(useMetalDoc<User>('users', 'a').data.value).toEqualTypeOf<
      MetalRow<User> | null | undefined
    >()
  })

  it('useMetalPaginatedQuery gives pages of rows', () => {
    expectTypeOf(useMetalPaginatedQuery<User>('users').data.value).toEqualTypeOf<
      InfiniteData<MetalRow<User>[], MetalPageParam> | undefined
    >()
  })

  it('useMetalMutation checks written data against the document type', () => {
    const users = useMetalMutation<User>('users')
    expectTypeOf(users.add({ name: 'Ada', age: 36 })).toEqualTypeOf<Promise<string>>()
    expectTypeOf(users.error.value).toEqualTypeOf<MetalError | null>()
    users.update('a', { 'metadata.lastLogin': 1 })
    // @ts-expect-error age must be a number
    users.set('a', { name: 'Ada', age: '36' })
    // @ts-expect-error 'nope' is not a field path of User
    users.update('a', { nope: 1 })
  })

  it('useMetalPresence, useMetalAuth and useMetalSync expose read-only refs', () => {
    const presence = useMetalPresence({ room: () => 'lobby', track: { userId: 'ada' } })
    expectTypeOf(presence.members.value).toEqualTypeOf<readonly PresenceMember[]>()
    expectTypeOf(presence.self.value).toEqualTypeOf<PresenceMember | null>()
    const auth = useMetalAuth()
    expectTypeOf(auth.status.value).toEqualTypeOf<AuthStatus>()
    expectTypeOf(auth.session.value).toEqualTypeOf<Session | null>()
    // @ts-expect-error the session is changed through authenticate() and signOut()
    auth.session.value = null
    const sync = useMetalSync('documents', {
      conflict: 'server-wins',
      onConflict: (c) => (c.remote ? { ...c.remote, merged: true } : undefined),
    })
    // @ts-expect-error not a strategy
    useMetalSync('documents', { conflict: 'local-wins' })
    expectTypeOf(sync.status.value).toEqualTypeOf<SyncStatus>()
    expectTypeOf(sync.conflicts.value).toEqualTypeOf<readonly Conflict[]>()
    expectTypeOf(useMetal().projectId).toEqualTypeOf<string>()
  })
})

describe('composable types with a converter', () => {
  interface Person {
    label: string
    years: number
  }
  const converter = {} as MetalDataConverter<Person, User>
  const users = new Metal({ projectId: 'p' }).db().collection<User>('users')

  it('rows of a converted query or document are the models', () => {
    expectTypeOf(
      useMetalQuery(users.where('age', '>', 3).withConverter(converter)).data.value,
    ).toEqualTypeOf<MetalRow<Person>[] | undefined>()
    expectTypeOf(useMetalDoc(users.doc('a').withConverter(converter)).data.value).toEqualTypeOf<
      MetalRow<Person> | null | undefined
    >()
  })
})
