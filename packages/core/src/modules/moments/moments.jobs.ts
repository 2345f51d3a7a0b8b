import type { Deps } from '../../context.ts';

/** Queues and schedules of the moments module. */
export async function registerMomentJobs(deps: Deps): Promise<void> {
  void deps;
}
