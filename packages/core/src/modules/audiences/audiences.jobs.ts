import type { Deps } from '../../context.ts';
import { pruneAudienceChanges } from './prune-audience-changes.ts';

export const AUDIENCE_PRUNE_JOB = 'audiences.prune';

/** Queues and schedules of the audiences module: `audiences.prune` hourly (the change log). */
export async function registerAudienceJobs(deps: Deps): Promise<void> {
  await deps.queue.register(AUDIENCE_PRUNE_JOB, async () => {
    const deleted = await pruneAudienceChanges(deps.database, deps.now());
    if (deleted > 0) deps.log.info({ deleted }, 'audience change log pruned');
  });
  await deps.queue.schedule(AUDIENCE_PRUNE_JOB, '17 * * * *');
}
