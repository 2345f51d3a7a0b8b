import type { Deps } from '../../context.ts';
import { syncOpenMomentTasks } from './sync-moment-tasks.ts';

export const MOMENT_SYNC_JOB = 'moments.sync';

/** Queues and schedules of the moments module: `moments.sync` every 5 minutes (who has published). */
export async function registerMomentJobs(deps: Deps): Promise<void> {
  await deps.queue.register(MOMENT_SYNC_JOB, async () => {
    await syncOpenMomentTasks(deps);
  });
  await deps.queue.schedule(MOMENT_SYNC_JOB, '*/5 * * * *');
}
