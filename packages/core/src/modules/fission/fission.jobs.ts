import type { Deps } from '../../context.ts';

/** Queues and schedules of the fission module. */
export async function registerFissionJobs(_deps: Deps): Promise<void> {
  // Filled in by the fission module.
}
