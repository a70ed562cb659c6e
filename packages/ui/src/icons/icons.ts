// The small icon set the components draw with: 24 × 24 outline icons, stroked with the current
// colour (2 px, round ends), mirrored right-to-left when they point along the line of text.

/** Path data (`d`) of each icon, on a 24 × 24 grid. */
export const ICONS = {
  add: 'M12 5v14M5 12h14',
  arrowDownward: 'M12 4v16M6 14l6 6 6-6',
  arrowDropDown: 'M7 10l5 5 5-5z',
  arrowUpward: 'M12 20V4M6 10l6-6 6 6',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  chevronLeft: 'M15 5l-7 7 7 7',
  chevronRight: 'M9 5l7 7-7 7',
  close: 'M6 6l12 12M18 6L6 18',
  columns: 'M4 5h16v14H4zM9.33 5v14M14.67 5v14',
  darkMode: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  delete: 'M5 7h14M10 7V4h4v3M7 7l1 13h8l1-13M10.5 11v5.5M13.5 11v5.5',
  density: 'M4 6h16M4 10h16M4 14h16M4 18h16',
  download: 'M12 4v11M7 10l5 5 5-5M5 20h14',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  error: 'M12 3a9 9 0 1 0 0.01 0zM12 7.5v5.5M12 16.5v0.5',
  filter: 'M4 5h16l-6 7.5V19l-4-2v-4.5z',
  firstPage: 'M17 5l-7 7 7 7M7 5v14',
  lastPage: 'M7 5l7 7-7 7M17 5v14',
  lightMode:
    'M12 8a4 4 0 1 0 0.01 0zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  moreVert: 'M12 5v0.01M12 12v0.01M12 19v0.01',
  pin: 'M9 4h6M10 4v6l-3 4h10l-3-4V4M12 14v6',
  refresh: 'M19 12a7 7 0 1 1-2.05-4.95M19 4v4.5h-4.5',
  remove: 'M5 12h14',
  schedule: 'M12 3a9 9 0 1 0 0.01 0zM12 7v5l3.5 2',
  search: 'M10.5 4a6.5 6.5 0 1 0 0.01 0zM15.2 15.2L20 20',
  sort: 'M8 19V5M4 9l4-4 4 4M16 5v14M12 15l4 4 4-4',
  visibility: 'M2 12s3.5-6.5 10-6.5S22 12 22 12s-3.5 6.5-10 6.5S2 12 2 12zM12 9a3 3 0 1 0 0.01 0z',
  visibilityOff: 'M2 12s3.5-6.5 10-6.5S22 12 22 12s-3.5 6.5-10 6.5S2 12 2 12zM4 4l16 16',
} as const satisfies Record<string, string>

/** The name of one of the built-in icons. */
export type IconName = keyof typeof ICONS

/** Icons that point along the line of text, so a right-to-left layout mirrors them. */
export const DIRECTIONAL_ICONS: ReadonlySet<IconName> = new Set<IconName>([
  'chevronLeft',
  'chevronRight',
  'firstPage',
  'lastPage',
])

/** Whether `name` is one of the built-in icons. */
export function isIconName(name: unknown): name is IconName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ICONS, name)
}
