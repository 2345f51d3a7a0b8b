import { z } from 'zod';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { GROUP_CODE_SYNC_JOB } from './apply-pool-member-change.ts';
import { openIfFull } from './open-group-for-code.ts';
import { sweepGroupCodes } from './sweep-group-codes.ts';
import { syncJoinWays } from './sync-join-ways.ts';

export const GROUP_CODE_SWEEP_JOB = 'group-codes.sweep';

const ZSyncJob = z.object({ tenantId: z.number().int().positive(), codeId: z.number().int().positive() });

/**
 * Registers `group-codes.sync-ways` (bring one code's join ways up to date, and open the next
 * group if the code is full; enqueued when a group fills, empties or is dismissed) and `group-codes.sweep` (every minute: expire seats, reconcile
 * member counts, sync every active code).
 */
export async function registerGroupCodeJobs(deps: Deps): Promise<void> {
  await deps.queue.register(GROUP_CODE_SYNC_JOB, async (data) => {
    const job = ZSyncJob.parse(data);
    const ctx = withActor(deps, systemActor(job.tenantId));
    await syncJoinWays(ctx, job.codeId);
    await openIfFull(ctx, job.codeId);
  });
  await deps.queue.register(GROUP_CODE_SWEEP_JOB, async () => {
    await sweepGroupCodes(deps);
  });
  await deps.queue.schedule(GROUP_CODE_SWEEP_JOB, '* * * * *');
}
