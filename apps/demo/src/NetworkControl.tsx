import { useState } from 'react'
import { useMetal, useMetalSync } from '@metal/react'
import { Switch } from '@metal/ui/react'

/**
 * The connection as the user sees it: online, offline or syncing, the number of writes waiting
 * to be sent, and a switch to work offline on purpose (the browser going offline does the
 * same by itself).
 */
export function NetworkControl() {
  const metal = useMetal()
  const tasks = useMetalSync('tasks')
  const users = useMetalSync('users')
  const jobs = useMetalSync('processingJobs')
  const [offline, setOffline] = useState(false)
  const pending = tasks.pending + users.pending + jobs.pending
  const status = tasks.status
  const label = status === 'offline' ? 'Offline' : status === 'syncing' ? 'Syncing' : 'Online'

  function toggle() {
    if (offline) metal.enableNetwork()
    else metal.disableNetwork()
    setOffline(!offline)
  }

  return (
    <div className="demo-network" data-status={status}>
      <span className="demo-network-status" role="status" aria-live="polite">
        <span className="demo-dot" aria-hidden="true" />
        {label}
        {pending > 0 && (
          <span className="demo-pending" aria-label={`${pending} changes waiting to sync`}>
            {pending} pending
          </span>
        )}
      </span>
      <Switch checked={offline} onCheckedChange={toggle} label="Work offline" />
    </div>
  )
}
