import type { Deps } from '../../context.ts';

/** Queues and schedules of the posters module. */
export async function registerPosterJobs(_deps: Deps): Promise<void> {
  // Filled in by the posters module.
}
