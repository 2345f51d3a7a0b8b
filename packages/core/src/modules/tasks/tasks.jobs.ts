import type { Deps } from '../../context.ts';

/** Queues and schedules of the tasks module. */
export async function registerGuideTaskJobs(deps: Deps): Promise<void> {
  void deps;
}
