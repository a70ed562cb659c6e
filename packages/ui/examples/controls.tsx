import { useState } from 'react'
import {
  Button,
  Checkbox,
  ConfirmDialog,
  IconButton,
  LinearProgress,
  RadioGroup,
  Switch,
} from '@metal/ui/react'

export function Settings({ onDeleteAccount }: { onDeleteAccount(): void }) {
  const [newsletter, setNewsletter] = useState(false)
  const [darkMode, setDarkMode] = useState(true)
  const [plan, setPlan] = useState<string | null>('free')
  const [confirming, setConfirming] = useState(false)
  return (
    <>
      <Checkbox
        checked={newsletter}
        onCheckedChange={setNewsletter}
        label="Send me the newsletter"
      />
      <Switch checked={darkMode} onCheckedChange={setDarkMode} label="Dark mode" icons />
      <RadioGroup
        label="Plan"
        value={plan}
        onValueChange={setPlan}
        options={[
          { value: 'free', label: 'Free' },
          { value: 'team', label: 'Team' },
          { value: 'enterprise', label: 'Enterprise', disabled: true },
        ]}
      />
      <LinearProgress value={0.4} label="Storage used" />
      <Button variant="tonal" icon="download">
        Export data
      </Button>
      <IconButton icon="refresh" label="Refresh" variant="outlined" />
      <Button danger variant="outlined" icon="delete" onClick={() => setConfirming(true)}>
        Delete account
      </Button>
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        message="Your data goes with it; this cannot be undone."
        confirmLabel="Delete"
        destructive
        onConfirm={() => {
          setConfirming(false)
          onDeleteAccount()
        }}
        onCancel={() => setConfirming(false)}
      />
    </>
  )
}
