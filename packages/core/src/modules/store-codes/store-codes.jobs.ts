import type { Deps } from '../../context.ts';

/** Queues and schedules of the store-codes module. */
export async function registerStoreCodeJobs(_deps: Deps): Promise<void> {
  // Filled in by the store-codes module.
}
