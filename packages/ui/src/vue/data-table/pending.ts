// A stand-in for the Vue Pagination another branch is still building; removed as it lands.
import { defineComponent } from 'vue'

export const Pagination = defineComponent({
  props: {
    mode: String,
    total: Number,
    page: Number,
    pageSize: Number,
    hasNextPage: Boolean,
    pageItemCount: Number,
    pageSizeOptions: Array,
    focusTarget: Function,
    label: String,
  },
  emits: ['update:page', 'update:pageSize'],
  setup() {
    return () => null
  },
})

