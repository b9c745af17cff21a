import { runJob } from './load-generator.js';
import type { Job } from './jobs.js';

/** The load generator's own process: one job per message, its result sent back. */
process.on('message', (job: Job) => {
  runJob(job).then(
    (result) => process.send?.({ type: 'result', result }),
    (error: unknown) => process.send?.({ type: 'failed', message: String(error) }),
  );
});

process.send?.({ type: 'ready' });
