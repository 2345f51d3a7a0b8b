import type { Deps } from '../../context.ts';
import { materialiseSopCalendars } from './materialise-sop-calendars.ts';
import { remindOverdueSopSteps } from './remind-sop-steps.ts';
import { runDueSopSteps } from './run-due-sop-steps.ts';

export const SOP_DUE_JOB = 'sops.due';
export const SOP_REMIND_JOB = 'sops.remind';
export const SOP_MATERIALISE_JOB = 'sops.materialise';

/**
 * Queues and schedules of the sops module: `sops.due` every minute (due steps → tasks or sends),
 * `sops.remind` every 5 minutes (completion sync, overdue reminders), `sops.materialise` daily at
 * 00:05 Shanghai (16:05 UTC; calendars rolled forward).
 */
export async function registerSopJobs(deps: Deps): Promise<void> {
  await deps.queue.register(SOP_DUE_JOB, async () => {
    await runDueSopSteps(deps);
  });
  await deps.queue.register(SOP_REMIND_JOB, async () => {
    await remindOverdueSopSteps(deps);
  });
  await deps.queue.register(SOP_MATERIALISE_JOB, async () => {
    await materialiseSopCalendars(deps);
  });
  await deps.queue.schedule(SOP_DUE_JOB, '* * * * *');
  await deps.queue.schedule(SOP_REMIND_JOB, '*/5 * * * *');
  await deps.queue.schedule(SOP_MATERIALISE_JOB, '5 16 * * *');
}
