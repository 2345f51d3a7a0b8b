import type { Deps } from '../../context.ts';

/** Queues and schedules of the checkins module. */
export async function registerCheckinJobs(_deps: Deps): Promise<void> {
  // Filled in by the checkins module.
}
