import { useState } from 'react'
import { serverTimestamp } from '@metal/core'
import { useMetalMutation, useMetalQuery } from '@metal/react'
import { Button, LinearProgress, Select } from '@metal/ui/react'
import { JOB_TYPES, type Job } from '../schemas.js'
import { useViewer } from '../viewer.js'

const STATUS_LABEL: Record<Job['status'], string> = {
  pending: 'Waiting',
  processing: 'Running',
  completed: 'Done',
  failed: 'Failed',
}

/**
 * Processing jobs, live: starting one adds a `pending` document; the server's trigger picks it
 * up and writes its progress, which every open page sees as it happens.
 */
export function JobsPage() {
  const viewer = useViewer()
  const jobs = useMetalQuery<Job>('processingJobs', (q) =>
    viewer.scope(q, 'processingJobs').orderBy('createdAt', 'desc').limit(25),
  )
  const add = useMetalMutation<Job>('processingJobs')
  const [type, setType] = useState<Job['type']>('video-processing')

  function start(kind: Job['type'], fail: boolean) {
    // The error shows through the mutation's `error` below.
    add
      .add({
        userId: viewer.userId,
        type: kind,
        status: 'pending',
        progress: 0,
        input: { source: fail ? 'broken-file.mov' : `${kind}-input.bin` },
        // The demo's job runner fails a job at the progress it names.
        ...(fail ? { failAt: 60 } : {}),
        createdAt: serverTimestamp(),
      })
      .catch(() => {})
  }

  return (
    <section className="demo-page" aria-labelledby="jobs-title">
      <header className="demo-page-header">
        <h1 id="jobs-title">Jobs</h1>
        <form
          className="demo-job-form"
          onSubmit={(e) => {
            e.preventDefault()
            start(type, false)
          }}
        >
          <Select
            label="Type"
            value={type}
            options={JOB_TYPES.map((t) => ({ value: t, label: t }))}
            onValueChange={(value) => setType(value as Job['type'])}
          />
          <Button type="submit" icon="add">
            Start job
          </Button>
          <Button variant="text" onClick={() => start(type, true)}>
            Start a failing job
          </Button>
        </form>
      </header>
      {add.error && (
        <p role="alert" className="demo-error">
          Could not start the job: {add.error.message}
        </p>
      )}
      {jobs.error && (
        <p role="alert" className="demo-error">
          {jobs.error.message}
        </p>
      )}
      {jobs.isPending && <p role="status">Loading jobs…</p>}
      {jobs.data?.length === 0 && <p>No jobs yet. Start one above.</p>}
      <ul className="demo-jobs" aria-label="Jobs">
        {jobs.data?.map((job) => (
          <li key={job.id} className="demo-job" data-status={job.status} data-job={job.id}>
            <div className="demo-job-head">
              <span className="demo-job-type">{job.type}</span>
              <span className="demo-chip" data-status={job.status}>
                {STATUS_LABEL[job.status] ?? job.status}
              </span>
              {job.hasPendingWrites && <span className="demo-chip">Not sent yet</span>}
            </div>
            <LinearProgress
              className="demo-progress"
              value={job.progress / 100}
              label={`Progress of ${job.type} job`}
            />
            <span className="demo-job-percent">{job.progress}%</span>
            {job.error && (
              <p className="demo-error" role="alert">
                {job.error}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
