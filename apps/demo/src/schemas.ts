import type { DataTableColumn, EntityDefinition } from '@metal/ui'

/** A task, shaped like the seed project's PersonalTask. */
export interface Task {
  userId: string
  title: string
  description?: string
  priority: 'urgent' | 'high' | 'medium' | 'low'
  status: 'todo' | 'in-progress' | 'completed' | 'cancelled'
  category: string
  tags: string[]
  estimatedDuration?: number | null
  actualDuration?: number | null
  /** `YYYY-MM-DD`. */
  dueDate?: string | null
  subtasks: { title: string; done: boolean }[]
  createdAt: number
  updatedAt: number
}

/** A user profile, shaped like the seed project's UserProfile. */
export interface UserProfile {
  email: string
  displayName: string
  role: 'user' | 'admin' | 'moderator'
  permissions: string[]
  preferences: { theme: 'light' | 'dark' | 'system'; notifications: boolean; language: string }
  createdAt: number
  updatedAt: number
}

/** A processing job, shaped like the seed project's ProcessingJob. */
export interface Job {
  userId: string
  type: 'video-processing' | 'audio-generation' | 'batch-operation'
  status: 'pending' | 'processing' | 'completed' | 'failed'
  input: Record<string, unknown>
  progress: number
  error?: string
  /** Asks the demo's runner to fail the job at this progress. */
  failAt?: number
  createdAt: number
  completedAt?: number
}

export const JOB_TYPES: readonly Job['type'][] = [
  'video-processing',
  'audio-generation',
  'batch-operation',
]
export const TASK_STATUSES = ['todo', 'in-progress', 'completed', 'cancelled'] as const
export const TASK_PRIORITIES = ['urgent', 'high', 'medium', 'low'] as const
export const TASK_CATEGORIES = [
  'Work',
  'Personal',
  'Health',
  'Learning',
  'Finance',
  'Home',
] as const
export const ROLES = ['user', 'moderator', 'admin'] as const

const label = (value: string) => ({
  value,
  label: value.charAt(0).toUpperCase() + value.slice(1).replace('-', ' '),
})

/** The task form: every field of a task, subtasks as a list, the assignee as a user. */
export function taskSchema(isAdmin: boolean): EntityDefinition {
  return {
    name: 'task',
    label: 'Task',
    fields: [
      { name: 'title', type: 'string', label: 'Title', rules: { required: true, maxLength: 120 } },
      { name: 'description', type: 'text', label: 'Description', rules: { maxLength: 2000 } },
      {
        name: 'status',
        type: 'enum',
        label: 'Status',
        options: TASK_STATUSES.map(label),
        defaultValue: 'todo',
        rules: { required: true },
      },
      {
        name: 'priority',
        type: 'enum',
        label: 'Priority',
        options: TASK_PRIORITIES.map(label),
        defaultValue: 'medium',
        rules: { required: true },
      },
      {
        name: 'category',
        type: 'enum',
        label: 'Category',
        options: TASK_CATEGORIES.map(label),
        defaultValue: 'Work',
      },
      { name: 'tags', type: 'array', label: 'Tags', item: { name: 'tag', type: 'string' } },
      { name: 'dueDate', type: 'date', label: 'Due date' },
      {
        name: 'estimatedDuration',
        type: 'number',
        label: 'Estimate (minutes)',
        rules: { min: 0 },
      },
      { name: 'actualDuration', type: 'number', label: 'Spent (minutes)', rules: { min: 0 } },
      {
        name: 'userId',
        type: 'relation',
        label: 'Assignee',
        relation: { collection: 'users', labelField: 'displayName' },
        rules: { required: true },
        // Only admins hand tasks to someone else (the server's rules refuse it for others).
        readOnly: !isAdmin,
      },
      {
        name: 'subtasks',
        type: 'array',
        label: 'Subtasks',
        item: {
          name: 'subtask',
          type: 'object',
          fields: [
            { name: 'title', type: 'string', label: 'Subtask', rules: { required: true } },
            { name: 'done', type: 'boolean', label: 'Done' },
          ],
        },
      },
    ],
  }
}

/** The tasks table. */
export const taskColumns: DataTableColumn<Task & { id: string }>[] = [
  { field: 'title', header: 'Title', width: 260, editable: true, searchable: true },
  {
    field: 'status',
    header: 'Status',
    type: 'enum',
    options: TASK_STATUSES.map(label),
    width: 130,
    editable: true,
  },
  {
    field: 'priority',
    header: 'Priority',
    type: 'enum',
    options: TASK_PRIORITIES.map(label),
    width: 110,
  },
  {
    field: 'category',
    header: 'Category',
    type: 'enum',
    options: TASK_CATEGORIES.map(label),
    width: 120,
  },
  { field: 'dueDate', header: 'Due', type: 'date', width: 130 },
  { field: 'estimatedDuration', header: 'Estimate (min)', type: 'number', width: 120 },
  { field: 'updatedAt', header: 'Updated', type: 'date', width: 130 },
  { field: 'createdAt', header: 'Created', type: 'date', width: 130, hidden: true },
]

/** Where every write of the demo's pages stamps the server's time. */
export const TIMESTAMPS = { createdAt: 'createdAt', updatedAt: 'updatedAt' }

/** Newest first: a task or user just created shows at the top. */
export const NEWEST_FIRST = { defaultSorting: [{ id: 'createdAt', direction: 'desc' as const }] }

/** The user form. Roles and permissions are for admins to change. */
export function userSchema(isAdmin: boolean): EntityDefinition {
  return {
    name: 'user',
    label: 'User',
    fields: [
      {
        name: 'displayName',
        type: 'string',
        label: 'Name',
        rules: { required: true, maxLength: 80 },
      },
      { name: 'email', type: 'email', label: 'E-mail', rules: { required: true } },
      {
        name: 'role',
        type: 'enum',
        label: 'Role',
        options: ROLES.map(label),
        defaultValue: 'user',
        rules: { required: true },
        readOnly: !isAdmin,
      },
      {
        name: 'permissions',
        type: 'array',
        label: 'Permissions',
        item: { name: 'permission', type: 'string' },
        readOnly: !isAdmin,
      },
      {
        name: 'preferences',
        type: 'object',
        label: 'Preferences',
        fields: [
          {
            name: 'theme',
            type: 'enum',
            label: 'Theme',
            options: ['light', 'dark', 'system'].map(label),
            defaultValue: 'system',
          },
          { name: 'notifications', type: 'boolean', label: 'Notifications', defaultValue: true },
          { name: 'language', type: 'string', label: 'Language', defaultValue: 'en' },
        ],
      },
    ],
  }
}

/** The users table. */
export const userColumns: DataTableColumn<UserProfile & { id: string }>[] = [
  { field: 'displayName', header: 'Name', width: 200, searchable: true },
  { field: 'email', header: 'E-mail', width: 240, searchable: true },
  { field: 'role', header: 'Role', type: 'enum', options: ROLES.map(label), width: 130 },
  { field: 'updatedAt', header: 'Updated', type: 'date', width: 140 },
  { field: 'createdAt', header: 'Created', type: 'date', width: 140, hidden: true },
]
