import type { Deps } from './context.ts';
import { registerInboxJobs } from './modules/inbox/inbox.jobs.ts';
import { registerOutboxJobs } from './modules/outbox/outbox.jobs.ts';
import { registerSimulatorJobs } from './modules/simulator/simulator.jobs.ts';

/**
 * Registers every module's jobs on the queue. Call at boot after `registerChannels(deps)` and
 * `deps.queue.start()`, then `deps.queue.startWorkers()` in the worker role.
 * @example
 * registerChannels(deps);
 * await deps.queue.start();
 * await registerAllJobs(deps);
 * await deps.queue.startWorkers();
 */
export async function registerAllJobs(deps: Deps): Promise<void> {
  await registerInboxJobs(deps);
  await registerOutboxJobs(deps);
  await registerSimulatorJobs(deps);
}
