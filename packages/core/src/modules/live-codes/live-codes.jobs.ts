import type { Deps } from '../../context.ts';

/** Queues and schedules of the live-codes module. */
export async function registerLiveCodeJobs(_deps: Deps): Promise<void> {
  // Filled in by the live-codes module.
}
