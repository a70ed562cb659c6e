import { Metal } from '@metal/core'
import { dataTableCsv, initDataTable } from '@metal/ui'
import { downloadDataTableCsv } from '@metal/ui/react'

const metal = new Metal()
const state = initDataTable({
  columns: [
    { field: 'name', header: 'Name' },
    { field: 'email', header: 'Email' },
  ],
})
const users = metal.db().collection('users')

for await (const chunk of dataTableCsv(state, { collection: users })) {
  console.log(chunk) // 'Name,Email\r\n', then up to 500 records a chunk
}
await downloadDataTableCsv(dataTableCsv(state, { collection: users }), 'users.csv')
