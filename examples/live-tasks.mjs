// A small tour of @metal/core on the embedded backend: two clients share one backend, one of them
// writes tasks while the other watches a live query. Run with `npm start`.
import { Metal, increment, serverTimestamp } from '@metal/core'
import { memory } from '@metal/core/memory'

const backend = memory()
const alice = new Metal({ projectId: 'demo', backend })
const bob = new Metal({ projectId: 'demo', backend })

const tasks = alice.db().collection('tasks')
const open = bob
  .db()
  .collection('tasks')
  .where('done', '==', false)
  .orderBy('priority', 'desc')
  .limit(3)

console.log('Bob watches the three most urgent open tasks.')
const unsubscribe = open.subscribe((changes, snapshot) => {
  for (const c of changes)
    console.log(`  ${c.type.padEnd(8)} ${c.id.padEnd(8)} ${JSON.stringify(c.doc.data())}`)
  console.log(
    `  -> top open tasks: ${snapshot.docs.map((d) => d.data().title).join(', ') || '(none)'}\n`,
  )
})

const step = (text) =>
  new Promise((resolve) => setTimeout(() => (console.log(text), resolve()), 50))

await step('')
await step('Alice adds four tasks:')
for (const [id, title, priority] of [
  ['t1', 'Write docs', 2],
  ['t2', 'Fix login', 5],
  ['t3', 'Ship it', 9],
  ['t4', 'Tidy CSS', 1],
]) {
  await tasks.doc(id).set({ title, priority, done: false, edits: 0, createdAt: serverTimestamp() })
}
await step(
  'Alice raises the priority of "Tidy CSS" (it enters the top three, "Write docs" leaves):',
)
await tasks.doc('t4').update({ priority: 7, edits: increment(1) })
await step('Alice completes "Ship it" in a batch with a new task:')
const batch = alice.db().batch()
batch.update(tasks.doc('t3'), { done: true })
batch.set(tasks.doc('t5'), {
  title: 'Plan v2',
  priority: 3,
  done: false,
  edits: 0,
  createdAt: serverTimestamp(),
})
await batch.commit()
await step('Twenty concurrent transactions bump a counter:')
const counter = alice.db().collection('stats').doc('edits')
await counter.set({ n: 0 })
await Promise.all(
  Array.from({ length: 20 }, () =>
    alice.db().runTransaction(async (tx) => {
      const snap = await tx.get(counter)
      tx.update(counter, { n: snap.data().n + 1 })
    }),
  ),
)
console.log(`  counter = ${(await counter.get()).data().n}\n`)
unsubscribe()
alice.close()
bob.close()
