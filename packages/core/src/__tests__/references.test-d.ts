import { describe, expectTypeOf, it } from 'vitest'
import { Metal } from '../index.js'
import type { DocumentReference } from '../index.js'

interface User {
  name: string
}
interface Task {
  title: string
  owner: DocumentReference<User>
}

describe('document references as values (types)', () => {
  const db = new Metal().db()
  const tasks = db.collection<Task>('tasks')

  it('writes a DocumentReference where the model has one', () => {
    expectTypeOf(tasks.doc('t').set).toBeCallableWith({
      title: 'x',
      owner: db.doc<User>('users/u1'),
    })
    expectTypeOf(tasks.doc('t').update).toBeCallableWith({ owner: db.doc<User>('users/u2') })
  })

  it('reads it back as a DocumentReference, not a deep-readonly copy of one', async () => {
    const data = (await tasks.doc('t').get()).data()
    expectTypeOf(data!.owner).toEqualTypeOf<DocumentReference<User>>()
  })
})
