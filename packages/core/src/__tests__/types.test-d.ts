import { describe, expectTypeOf, it } from 'vitest'
import { FieldPath, Metal, average, count, documentId, increment, sum, where } from '../index.js'
import { toRow, toRows, type MetalRow } from '../bindings/index.js'
import type {
  CollectionReference,
  DocumentChange,
  DeepReadonly,
  DocumentData,
  DocumentSnapshot,
  FieldPathString,
  FieldPathValue,
  MetalDataConverter,
  Query,
  QueryDocumentSnapshot,
  QuerySnapshot,
  SumAggregate,
} from '../index.js'

interface User {
  name: string
  email: string
  age?: number
  tags: string[]
  metadata: { lastLogin: number; device?: { os: string } }
}

// Only type-checked, never run.
const db = new Metal().db()
const users = db.collection<User>('users')
const things = db.collection('things')

describe('typed collections', () => {
  it('collection<User>() is a CollectionReference<User>', () => {
    expectTypeOf(users).toEqualTypeOf<CollectionReference<User>>()
    expectTypeOf(users.where('name', '==', 'ann')).toEqualTypeOf<Query<User>>()
  })

  it('query results type data() as a deep-readonly User', async () => {
    const snap = await users.get()
    expectTypeOf(snap).toEqualTypeOf<QuerySnapshot<User>>()
    expectTypeOf(snap.docs).toEqualTypeOf<readonly QueryDocumentSnapshot<User>[]>()
    expectTypeOf(snap.docs[0]!.data()).toEqualTypeOf<DeepReadonly<User>>()
    expectTypeOf((await users.orderBy('age').limit(1).execute()).docs[0]!.data()).toEqualTypeOf<
      DeepReadonly<User>
    >()
  })

  it('a document read types data() as a deep-readonly User or undefined', async () => {
    const snap = await users.doc('u1').get()
    expectTypeOf(snap).toEqualTypeOf<DocumentSnapshot<User>>()
    expectTypeOf(snap.data()).toEqualTypeOf<DeepReadonly<User> | undefined>()
  })

  it('subscribe hands over typed changes and snapshots', () => {
    users.subscribe((changes, snapshot) => {
      expectTypeOf(changes).toEqualTypeOf<DocumentChange<User>[]>()
      expectTypeOf(changes[0]!.doc.data()).toEqualTypeOf<DeepReadonly<User>>()
      expectTypeOf(snapshot).toEqualTypeOf<QuerySnapshot<User>>()
    })
    users.doc('u1').subscribe((_changes, snapshot) => {
      expectTypeOf(snapshot.data()).toEqualTypeOf<DeepReadonly<User> | undefined>()
    })
  })

  it('subscribe takes { includeMetadataChanges } after the listener or the error listener', () => {
    users.subscribe(() => {}, { includeMetadataChanges: true })
    users.where('name', '==', 'a').subscribe(() => {}, undefined, { includeMetadataChanges: true })
    users.doc('u1').subscribe(
      () => {},
      () => {},
      { includeMetadataChanges: false },
    )
    users
      .composite()
      .where('name', '==', 'a')
      .subscribe(() => {}, { includeMetadataChanges: true })
    // @ts-expect-error: a boolean
    users.subscribe(() => {}, { includeMetadataChanges: 1 })
  })
})

describe('deep-readonly data', () => {
  it('DeepReadonly makes every nested property and array readonly', () => {
    expectTypeOf<DeepReadonly<User>>().toEqualTypeOf<{
      readonly name: string
      readonly email: string
      readonly age?: number
      readonly tags: readonly string[]
      readonly metadata: {
        readonly lastLogin: number
        readonly device?: { readonly os: string }
      }
    }>()
    expectTypeOf<DeepReadonly<[number, { a: string }]>>().toEqualTypeOf<
      readonly [number, { readonly a: string }]
    >()
    expectTypeOf<DeepReadonly<string | null>>().toEqualTypeOf<string | null>()
  })

  it('DeepReadonly leaves any and unknown as they are', () => {
    expectTypeOf<DeepReadonly<unknown>>().toEqualTypeOf<unknown>()
    expectTypeOf<DeepReadonly<DocumentData>>().toEqualTypeOf<{ readonly [key: string]: any }>() // eslint-disable-line @typescript-eslint/no-explicit-any
  })

  it('data() of a query result cannot be written at any depth', async () => {
    const data = (await users.get()).docs[0]!.data()
    // @ts-expect-error a top-level field is readonly
    data.name = 'ann'
    // @ts-expect-error a nested field is readonly
    data.metadata.lastLogin = 0
    // @ts-expect-error a field nested two levels down is readonly
    data.metadata.device!.os = 'linux'
    // @ts-expect-error arrays are readonly
    data.tags.push('x')
    // @ts-expect-error array elements are readonly
    data.tags[0] = 'x'
  })

  it('data() of a document read cannot be written at any depth', async () => {
    const data = (await users.doc('u1').get()).data()!
    // @ts-expect-error a nested field is readonly
    data.metadata.lastLogin = 0
    // @ts-expect-error a frozen document is not a mutable User (its arrays are readonly)
    const _user: User = data
  })

  it('a copy is writable', async () => {
    const data = (await users.doc('u1').get()).data()!
    const copy: User = { ...data, tags: [...data.tags], metadata: { ...data.metadata } }
    copy.metadata.lastLogin = 0
    copy.tags.push('x')
    expectTypeOf(copy).toEqualTypeOf<User>()
  })

  it('rows (what the React and Vue bindings hand out) are deep-readonly too', async () => {
    const row = toRows(await users.get())[0]!
    expectTypeOf(row).toEqualTypeOf<MetalRow<User>>()
    expectTypeOf(row.id).toEqualTypeOf<string>()
    expectTypeOf(row.metadata).toEqualTypeOf<DeepReadonly<User['metadata']>>()
    // @ts-expect-error a nested field of a row is readonly
    row.metadata.lastLogin = 0
    // @ts-expect-error the id of a row is readonly
    row.id = 'other'
    expectTypeOf(toRow(await users.doc('u1').get())).toEqualTypeOf<MetalRow<User> | null>()
  })

  it('untyped collections keep top-level fields readonly and nested values any', async () => {
    const data = (await things.doc('t1').get()).data()!
    // @ts-expect-error a top-level field is readonly
    data.count = 1
    expectTypeOf(data.nested).toBeAny()
  })
})

describe('field paths', () => {
  it('FieldPathString<User> lists every dotted path, without undefined', () => {
    expectTypeOf<FieldPathString<User>>().toEqualTypeOf<
      | 'name'
      | 'email'
      | 'age'
      | 'tags'
      | 'metadata'
      | 'metadata.lastLogin'
      | 'metadata.device'
      | 'metadata.device.os'
    >()
  })

  it('FieldPathValue follows a dotted path to its type', () => {
    expectTypeOf<FieldPathValue<User, 'metadata.lastLogin'>>().toEqualTypeOf<number>()
    expectTypeOf<FieldPathValue<User, 'metadata.device.os'>>().toEqualTypeOf<string>()
  })

  it('where() and orderBy() accept dotted paths of the document type', () => {
    expectTypeOf(users.where('metadata.lastLogin', '>', 0)).toEqualTypeOf<Query<User>>()
    expectTypeOf(users.where('metadata.device.os', '==', 'linux')).toEqualTypeOf<Query<User>>()
    expectTypeOf(users.orderBy('metadata.lastLogin', 'desc')).toEqualTypeOf<Query<User>>()
    expectTypeOf(users.where(documentId(), '==', 'u1')).toEqualTypeOf<Query<User>>()
    expectTypeOf(users.where({ 'metadata.lastLogin': 1, name: 'ann' })).toEqualTypeOf<Query<User>>()
  })

  it('where() and orderBy() reject paths the document type does not have', () => {
    // @ts-expect-error: not a field of User
    users.where('metadata.nope', '==', 1)
    // @ts-expect-error: misspelt field
    users.where('nmae', '==', 'ann')
    // @ts-expect-error: paths do not go into arrays
    users.where('tags.0', '==', 'a')
    // @ts-expect-error: not a field of User
    users.orderBy('lastLogin')
    // @ts-expect-error: not a field of User
    users.where({ nope: 1 })
    // @ts-expect-error: not a field of User
    users.composite().where('name', '==', 'a').or('nope', '==', 1)
  })

  it('where() rejects an unknown operator', () => {
    // @ts-expect-error: '=>' is not an operator
    users.where('name', '=>', 'ann')
  })

  it('untyped collections accept any string path', () => {
    expectTypeOf(things).toEqualTypeOf<CollectionReference<DocumentData>>()
    expectTypeOf(things.where('any.path.at.all', '==', 1)).toEqualTypeOf<Query<DocumentData>>()
    expectTypeOf(things.orderBy('whatever')).toEqualTypeOf<Query<DocumentData>>()
    expectTypeOf(things.where({ 'a.b': 1 })).toEqualTypeOf<Query<DocumentData>>()
    expectTypeOf<FieldPathString<DocumentData>>().toEqualTypeOf<string>()
  })

  it('functional filters take any string path', () => {
    expectTypeOf(users.where(where('anything', '==', 1))).toEqualTypeOf<Query<User>>()
  })
})

describe('typed updates', () => {
  it('update() takes dotted paths with values of their type, or sentinels', () => {
    void users.doc('u1').update({ 'metadata.lastLogin': Date.now(), age: increment(1) })
    // @ts-expect-error: lastLogin is a number
    void users.doc('u1').update({ 'metadata.lastLogin': 'yesterday' })
    // @ts-expect-error: not a field of User
    void users.doc('u1').update({ 'metadata.nope': 1 })
  })
})

describe('aggregations', () => {
  it('types aggregate() results by alias: averages may be null', () => {
    const _run = () => users.aggregate({ n: count(), total: sum('age'), avg: average('age') })
    type Data = ReturnType<Awaited<ReturnType<typeof _run>>['data']>
    expectTypeOf<Data>().toEqualTypeOf<{ n: number; total: number; avg: number | null }>()
  })

  it('resolves count() and sum() to numbers and average() to number | null', () => {
    expectTypeOf(users.count()).toEqualTypeOf<Promise<number>>()
    expectTypeOf(users.where('age', '>', 1).sum('age')).toEqualTypeOf<Promise<number>>()
    expectTypeOf(users.average('metadata.lastLogin')).toEqualTypeOf<Promise<number | null>>()
  })

  it('takes only field paths of a typed collection', () => {
    // @ts-expect-error: not a field of User
    void users.sum('nope')
    expectTypeOf(users.subscribeCount).parameter(0).toEqualTypeOf<(count: number) => void>()
  })
})

describe('converters and FieldPath objects', () => {
  class Person {
    constructor(
      readonly label: string,
      readonly years: number,
    ) {}
  }
  const converter: MetalDataConverter<Person, User> = {
    toFirestore: (p: Person) => ({ name: p.label, age: p.years }),
    fromFirestore: (s: QueryDocumentSnapshot<User>) => new Person(s.data().name, s.data().age ?? 0),
  } as MetalDataConverter<Person, User>
  const people = users.withConverter(converter)

  it('reads models and writes models; field paths name the stored fields', async () => {
    expectTypeOf(people).toEqualTypeOf<CollectionReference<Person, User>>()
    expectTypeOf((await people.doc('a').get()).data()).toEqualTypeOf<
      DeepReadonly<Person> | undefined
    >()
    expectTypeOf((await people.where('age', '>', 3).get()).docs[0]!.data()).toEqualTypeOf<
      DeepReadonly<Person>
    >()
    void people.doc('a').set(new Person('x', 1))
    void people.add(new Person('x', 1))
    void people.doc('a').update({ age: 2 })
    void people.orderBy('metadata.lastLogin').composite().where('name', '==', 'x')
    // @ts-expect-error: 'years' is a model field, not a stored one
    void people.where('years', '>', 3)
    // @ts-expect-error: a stored document is not a model
    void people.doc('a').set({ name: 'x', age: 1 })
    // @ts-expect-error: update() names stored fields
    void people.doc('a').update({ years: 2 })
    expectTypeOf(people.doc('a').parent).toEqualTypeOf<CollectionReference<Person, User>>()
    expectTypeOf(people.withConverter(null)).toEqualTypeOf<CollectionReference<User, User>>()
    expectTypeOf(users.where('age', '>', 1).withConverter(converter)).toEqualTypeOf<
      Query<Person, User>
    >()
  })

  it('takes FieldPath objects wherever a field path is named', () => {
    const path = new FieldPath('metadata', 'last.login')
    void users.where(path, '==', 1).orderBy(path).sum(path)
    void users.doc('a').update(path, 1, 'age', 2)
    expectTypeOf(documentId()).toEqualTypeOf<FieldPath>()
    expectTypeOf(sum(path)).toEqualTypeOf<SumAggregate>()
  })
})

describe('cache and metadata', () => {
  it('types get({ source }), snapshot metadata and data({ serverTimestamps })', async () => {
    const snap = await users.doc('u').get({ source: 'cache' })
    expectTypeOf(snap.metadata.fromCache).toEqualTypeOf<boolean>()
    expectTypeOf(snap.data({ serverTimestamps: 'estimate' })).toEqualTypeOf<
      DeepReadonly<User> | undefined
    >()
    expectTypeOf((await users.get({ source: 'server' })).metadata.hasPendingWrites).toBeBoolean()
    // @ts-expect-error not a source
    void users.get({ source: 'disk' })
    // @ts-expect-error not a behaviour
    snap.data({ serverTimestamps: 'later' })
    expectTypeOf(db.waitForPendingWrites()).toEqualTypeOf<Promise<void>>()
  })
})
