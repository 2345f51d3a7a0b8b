import type { Deps } from '../../context.ts';

/** Queues and schedules of the automations module. */
export async function registerAutomationJobs(deps: Deps): Promise<void> {
  void deps;
}
