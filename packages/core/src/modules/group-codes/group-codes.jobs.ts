import type { Deps } from '../../context.ts';

/** Queues and schedules of the group-codes module. */
export async function registerGroupCodeJobs(_deps: Deps): Promise<void> {
  // Filled in by the group-codes module.
}
