import type { Deps } from '../../context.ts';

/** Queues and schedules of the sops module. */
export async function registerSopJobs(deps: Deps): Promise<void> {
  void deps;
}
