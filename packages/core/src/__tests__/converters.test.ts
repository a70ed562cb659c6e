import { afterEach, describe, expect, it } from 'vitest'
import { Metal, MetalError, type MetalDataConverter } from '../index.js'
import { memory } from '../backends/memory/index.js'
import type { QueryDocumentSnapshot } from '../index.js'

// withConverter() as Cloud Firestore documents it: reads give `fromFirestore(snapshot, options)`
// where the snapshot holds the stored data; set()/add()/batch.set()/transaction.set() store
// `toFirestore(model)`, with the options only for merges; update() is not converted; references
// and queries made from a converted one keep the converter; withConverter(null) removes it.

interface UserDoc {
  first: string
  last: string
  age: number
}

class User {
  constructor(
    readonly name: string,
    readonly age: number,
  ) {}
  greet(): string {
    return `hi ${this.name}`
  }
}

const calls: { to: unknown[][]; from: number } = { to: [], from: 0 }

const userConverter: MetalDataConverter<User, UserDoc> = {
  toFirestore(user: Partial<User>, ...rest: unknown[]) {
    calls.to.push([user, ...rest])
    const [first = '', last = ''] = (user.name ?? '').split(' ')
    return user.age === undefined ? { first, last } : { first, last, age: user.age }
  },
  fromFirestore(snapshot: QueryDocumentSnapshot<UserDoc>) {
    calls.from++
    const d = snapshot.data()
    return new User(`${d.first} ${d.last}`, d.age)
  },
} as MetalDataConverter<User, UserDoc>

let clients: Metal[] = []
function client(): Metal {
  const metal = new Metal({ backend: memory(), projectId: 'conv', auth: { persistence: false } })
  clients.push(metal)
  return metal
}
afterEach(() => {
  clients.forEach((m) => void m.close())
  clients = []
  calls.to = []
  calls.from = 0
})

async function setup() {
  const db = client().db()
  const raw = db.collection<UserDoc>('users')
  await raw.doc('ada').set({ first: 'Ada', last: 'Lovelace', age: 36 })
  await raw.doc('alan').set({ first: 'Alan', last: 'Turing', age: 41 })
  await raw.doc('bad').set({ first: 'Bad', last: 'Data', age: 99 })
  return { db, raw, users: raw.withConverter(userConverter) }
}

describe('withConverter()', () => {
  it('reads documents of a collection as models, and keeps one model per snapshot', async () => {
    const { users } = await setup()
    const snap = await users.doc('ada').get()
    const model = snap.data()!

    expect(model).toBeInstanceOf(User)
    expect(model.greet()).toBe('hi Ada Lovelace')
    expect(snap.data()).toBe(model)
    // get(field) reads the stored fields, as in Firestore.
    expect(snap.get('first')).toBe('Ada')
  })

  it('add(), set(), batch.set() and transaction.set() store toFirestore(model)', async () => {
    const { db, raw, users } = await setup()
    const added = await users.add(new User('Grace Hopper', 85))
    await users.doc('g2').set(new User('Grace Two', 1))
    const batch = db.batch()
    batch.set(users.doc('g3'), new User('Grace Three', 3))
    await batch.commit()
    await db.runTransaction(async (tx) => {
      tx.set(users.doc('g4'), new User('Grace Four', 4))
    })

    expect((await raw.doc(added.id).get()).data()).toEqual({
      first: 'Grace',
      last: 'Hopper',
      age: 85,
    })
    expect((await raw.doc('g2').get()).data()).toEqual({ first: 'Grace', last: 'Two', age: 1 })
    expect((await raw.doc('g3').get()).data()).toEqual({ first: 'Grace', last: 'Three', age: 3 })
    expect((await raw.doc('g4').get()).data()).toEqual({ first: 'Grace', last: 'Four', age: 4 })
    // No options without a merge.
    expect(calls.to.every((c) => c.length === 1)).toBe(true)
  })

  it('passes the options to toFirestore for merges only; update() is not converted', async () => {
    const { raw, users } = await setup()
    const merge = { merge: true } as const
    await users.doc('ada').set({ name: 'Ada King' }, merge)

    expect(calls.to).toEqual([[{ name: 'Ada King' }, merge]])
    expect((await raw.doc('ada').get()).data()).toEqual({ first: 'Ada', last: 'King', age: 36 })
    await users.doc('ada').update({ age: 37 })
    expect(calls.to).toHaveLength(1)
    expect((await raw.doc('ada').get()).data()).toMatchObject({ age: 37 })
  })

  it('references and queries made from a converted one keep the converter; null removes it', async () => {
    const { db, users } = await setup()
    const ref = users.doc('ada')

    expect((await ref.parent.doc('alan').get()).data()).toBeInstanceOf(User)
    expect((await ref.get()).ref.parent.doc('ada').path).toBe('users/ada')
    expect((await (await ref.get()).ref.get()).data()).toBeInstanceOf(User)
    expect((await ref.withConverter(null).get()).data()).toEqual({
      first: 'Ada',
      last: 'Lovelace',
      age: 36,
    })
    expect((await users.withConverter(null).doc('ada').get()).data()).not.toBeInstanceOf(User)
    const viaDoc = db.doc<UserDoc>('users/alan').withConverter(userConverter)
    expect((await viaDoc.get()).data()?.name).toBe('Alan Turing')
  })

  it('converts query, composite query and live results; cursors read the stored fields', async () => {
    const { db, raw, users } = await setup()
    const q = users.where('age', '<', 50).orderBy('age')
    const snap = await q.get()

    expect(snap.docs.map((d) => d.data().name)).toEqual(['Ada Lovelace', 'Alan Turing'])
    const composite = raw.composite().where('first', '==', 'Ada').or('first', '==', 'Alan')
    const models = (await composite.withConverter(userConverter).get()).docs.map((d) => d.data())
    expect(models.every((m) => m instanceof User)).toBe(true)
    const after = await users.orderBy('age').startAfter(snap.docs[0]!).get()
    expect(after.docs.map((d) => d.id)).toEqual(['alan', 'bad'])
    expect(
      (
        await db.collection('users').where('age', '>', 50).withConverter(userConverter).get()
      ).docs[0]!.data(),
    ).toBeInstanceOf(User)

    const seen: string[][] = []
    const stop = q.subscribe((changes, s) => {
      expect(changes.every((c) => c.doc.data() instanceof User)).toBe(true)
      seen.push(s.docs.map((d) => d.data().name))
    })
    await users.doc('x').set(new User('Ann Lee', 20))
    expect(seen.at(-1)).toEqual(['Ann Lee', 'Ada Lovelace', 'Alan Turing'])
    stop()
  })

  it('a converter that throws fails the read or the listen, with nothing delivered', async () => {
    const { raw } = await setup()
    const picky: MetalDataConverter<User, UserDoc> = {
      toFirestore: (u: User) => ({ first: u.name, last: '', age: u.age }),
      fromFirestore(snapshot: QueryDocumentSnapshot<UserDoc>) {
        const d = snapshot.data()
        if (d.first === 'Bad') throw new Error('not a user')
        return new User(d.first, d.age)
      },
    } as MetalDataConverter<User, UserDoc>
    const users = raw.withConverter(picky)

    const docError = await users
      .doc('bad')
      .get()
      .catch((e: unknown) => e)
    expect(docError).toBeInstanceOf(MetalError)
    expect((docError as MetalError).code).toBe('invalid-argument')
    expect((docError as MetalError).message).toMatch(
      /fromFirestore\(\) failed on 'users\/bad': not a user/,
    )
    await expect(users.get()).rejects.toThrow(/users\/bad/)
    await expect(users.where('age', '<', 50).get()).resolves.toHaveProperty('size', 2)

    const delivered: number[] = []
    const errors: MetalError[] = []
    let first!: () => void
    const firstDelivery = new Promise<void>((resolve) => (first = resolve))
    const stop = users.where('age', '<', 50).subscribe(
      (_, s) => {
        delivered.push(s.size)
        first()
      },
      (e) => errors.push(e),
    )
    await firstDelivery
    await raw.doc('ada').update({ first: 'Bad' })
    expect(delivered).toEqual([2])
    expect(errors.map((e) => e.code)).toEqual(['invalid-argument'])
    await raw.doc('alan').update({ age: 1 })
    expect(delivered).toEqual([2])
    stop()
  })

  it('refuses a converter without toFirestore and fromFirestore', async () => {
    const { users, raw } = await setup()
    for (const bad of [undefined, {}, { toFirestore: () => ({}) }, 'x']) {
      expect(() => raw.withConverter(bad as never)).toThrow(
        /withConverter\(\): expected a converter/,
      )
      expect(() => users.doc('a').withConverter(bad as never)).toThrow(MetalError)
      expect(() => users.where('age', '>', 1).withConverter(bad as never)).toThrow(MetalError)
    }
  })
})
