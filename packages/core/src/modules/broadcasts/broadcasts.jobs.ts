import type { Deps } from '../../context.ts';

/** Queues and schedules of the broadcasts module. */
export async function registerBroadcastJobs(deps: Deps): Promise<void> {
  void deps;
}
