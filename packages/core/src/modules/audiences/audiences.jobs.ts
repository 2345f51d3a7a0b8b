import type { Deps } from '../../context.ts';

/** Queues and schedules of the audiences module. */
export async function registerAudienceJobs(deps: Deps): Promise<void> {
  void deps;
}
