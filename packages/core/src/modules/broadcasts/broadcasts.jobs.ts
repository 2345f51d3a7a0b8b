import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { BROADCAST_RESULTS_JOB, collectBroadcastResults } from './collect-broadcast-results.ts';
import { BROADCAST_PLAN_JOB, planBroadcast, type TPlanOptions } from './plan-broadcast.ts';
import { sweepBroadcasts } from './sweep-broadcasts.ts';

export const BROADCAST_SWEEP_JOB = 'broadcasts.sweep';

const ZBroadcastJob = z.object({ tenantId: z.number().int().positive(), broadcastId: z.number().int().positive() });

/**
 * Queues and schedules of the broadcasts module: `broadcasts.plan` (one broadcast, at its time),
 * `broadcasts.results` (poll its mass tasks) and `broadcasts.sweep` every minute.
 */
export async function registerBroadcastJobs(deps: Deps, options: TPlanOptions = {}): Promise<void> {
  await deps.queue.register(BROADCAST_PLAN_JOB, async (data) => {
    await planBroadcast(deps, ZBroadcastJob.parse(data), options);
  });
  await deps.queue.register(BROADCAST_RESULTS_JOB, async (data) => {
    await collectBroadcastResults(deps, ZBroadcastJob.parse(data));
  });
  await deps.queue.register(BROADCAST_SWEEP_JOB, async () => {
    await sweepBroadcasts(deps);
  });
  await deps.queue.schedule(BROADCAST_SWEEP_JOB, '* * * * *');
}
