import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { sendCheckinReminders } from './send-checkin-reminders.ts';
import { CHECKIN_REMIND_JOB, sweepCheckinCampaigns } from './sweep-checkin-campaigns.ts';

export const CHECKIN_SWEEP_JOB = 'checkins.sweep';

const ZRemindJob = z.object({
  tenantId: z.number().int().positive(),
  campaignId: z.number().int().positive(),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * Queues and schedules of the checkins module: `checkins.sweep` every 5 minutes (ends campaigns
 * past their last day, enqueues due reminders) and `checkins.remind` (one campaign-day).
 */
export async function registerCheckinJobs(deps: Deps): Promise<void> {
  await deps.queue.register(CHECKIN_REMIND_JOB, async (data) => {
    await sendCheckinReminders(deps, ZRemindJob.parse(data));
  });
  await deps.queue.register(CHECKIN_SWEEP_JOB, async () => {
    await sweepCheckinCampaigns(deps);
  });
  await deps.queue.schedule(CHECKIN_SWEEP_JOB, '*/5 * * * *');
}
