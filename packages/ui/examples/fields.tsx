import { useState } from 'react'
import { ChipInput, DateField, IconButton, Menu, Select, TextField, Tooltip } from '@metal/ui/react'

export function Event({ onArchive }: { onArchive(): void }) {
  const [title, setTitle] = useState('')
  const [room, setRoom] = useState<string | null>(null)
  const [day, setDay] = useState<string | null>('2026-03-14')
  const [guests, setGuests] = useState<string[]>([])
  return (
    <>
      <TextField
        label="Title"
        value={title}
        onValueChange={setTitle}
        maxLength={60}
        required
        error={title.trim() ? null : 'A title is required'}
      />
      <Select
        label="Room"
        value={room}
        onValueChange={setRoom}
        options={[
          { value: 'atlas', label: 'Atlas' },
          { value: 'borealis', label: 'Borealis' },
        ]}
      />
      <DateField label="Day" value={day} onValueChange={setDay} min="2026-01-01" />
      <ChipInput label="Guests" value={guests} onValueChange={setGuests} maxItems={20} />
      <Menu
        label="Event actions"
        items={[
          {
            id: 'copy',
            label: 'Duplicate',
            icon: 'edit',
            onSelect: () => setTitle(`${title} (copy)`),
          },
          { type: 'divider' },
          { id: 'archive', label: 'Archive', icon: 'delete', onSelect: onArchive },
        ]}
        trigger={(props) => (
          <Tooltip content="More actions">
            <IconButton {...props} icon="moreVert" label="Event actions" />
          </Tooltip>
        )}
      />
    </>
  )
}
