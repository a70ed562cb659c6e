import { connectPagination, initPagination, paginate } from '@metal/ui'

let state = initPagination({ total: 135, pageSize: 20 })
state = paginate(state, { type: 'NEXT' }) // FIRST, PREVIOUS, NEXT, LAST, GO_TO, SET_PAGE_SIZE, SET_TOTAL, SET_CURSOR_INFO
const api = connectPagination(state, (event) => (state = paginate(state, event)), { id: 'users' })
console.log(api.info.label) // '21–40 of 135'
console.log(api.info.items) // [{ type: 'page', page: 1, current: false }, …, { type: 'ellipsis', position: 'end' }, …]
api.getNextTriggerProps() // { type: 'button', 'aria-label': 'Next page', disabled: false, onClick, … }
