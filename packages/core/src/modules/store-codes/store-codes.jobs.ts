import type { Deps } from '../../context.ts';
import { pruneStoreCodeScans } from './prune-store-code-scans.ts';

export const STORE_CODE_PRUNE_JOB = 'store-codes.prune-scans';

/** Queues of the store-codes module: a nightly sweep of scans past their retention. */
export async function registerStoreCodeJobs(deps: Deps): Promise<void> {
  await deps.queue.register(STORE_CODE_PRUNE_JOB, async () => {
    const removed = await pruneStoreCodeScans(deps);
    if (removed) deps.log.info({ removed }, 'store code scans pruned');
  });
  await deps.queue.schedule(STORE_CODE_PRUNE_JOB, '41 3 * * *');
}
