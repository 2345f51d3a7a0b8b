import type { Deps } from '../../context.ts';
import { expireGuideTasks, remindGuideTasks } from './sweep-guide-tasks.ts';

export const TASKS_EXPIRE_JOB = 'tasks.expire';
export const TASKS_REMIND_JOB = 'tasks.remind';

/**
 * Queues and schedules of the tasks module: `tasks.remind` every 5 minutes (open tasks 30 minutes
 * past due get their one reminder) and `tasks.expire` hourly (open tasks a week past due expire).
 * Both are single conditional updates, safe when two workers run them at once.
 */
export async function registerGuideTaskJobs(deps: Deps): Promise<void> {
  await deps.queue.register(TASKS_REMIND_JOB, async () => {
    const r = await remindGuideTasks(deps);
    if (r.reminded) deps.log.info({ reminded: r.reminded }, 'guide tasks reminded');
  });
  await deps.queue.register(TASKS_EXPIRE_JOB, async () => {
    const r = await expireGuideTasks(deps);
    if (r.expired) deps.log.info({ expired: r.expired }, 'guide tasks expired');
  });
  await deps.queue.schedule(TASKS_REMIND_JOB, '*/5 * * * *');
  await deps.queue.schedule(TASKS_EXPIRE_JOB, '7 * * * *');
}
