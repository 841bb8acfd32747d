// Follows a background job (GET /api/jobs/{id}) while it runs: `start` it with the job the
// server returned (202), and `onEnd` is called once, with the finished job, or with the
// error that stopped the polling.
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Job } from '../api/types';

export const JOB_POLL_MS = 300;

export function useJob(onEnd: (job: Job | null, error?: ApiError) => void | Promise<void>) {
  const [job, setJob] = useState<Job | null>(null);
  const onEndRef = useRef(onEnd);
  useEffect(() => {
    onEndRef.current = onEnd;
  });
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(async () => {
      let next: Job;
      try {
        next = await api.get<Job>(`/api/jobs/${job.id}`);
      } catch (e) {
        setJob(null);
        // The client turns a network failure into an ApiError too: either way the polling
        // ends with a message rather than silence.
        if (!(e instanceof ApiError)) throw e;
        await onEndRef.current(null, e);
        return;
      }
      setJob(next);
      if (next.state !== 'running') await onEndRef.current(next);
    }, JOB_POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);
  return { job, start: setJob, running: !!job && job.state === 'running' };
}
