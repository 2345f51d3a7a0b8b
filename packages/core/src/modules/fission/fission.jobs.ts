import { ChannelError } from '@pond/channels';
import { and, asc, eq, gt, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { loadCampaign } from './campaign-views.ts';
import { endExpiredCampaigns } from './change-campaign-status.ts';
import { fissionParticipants } from './fission.tables.ts';
import { FISSION_PREPARE_JOB, FISSION_SWEEP_JOB, FISSION_SYNC_WAYS_JOB } from './fission-job-names.ts';
import { ensureParticipantWay } from './join-fission-campaign.ts';
import { sendParticipantLink } from './send-fission-link.ts';
import { activePoolUserIds } from './staff-pool.ts';

const id = z.number().int().positive();
export const ZPrepareParticipantJob = z.object({
  tenantId: id,
  participantId: id,
  // Reply to the participant with their link and poster, from this staff member if they follow them.
  notify: z.object({ staffId: id.nullable(), key: z.string().min(1).max(200) }).optional(),
});
const ZSyncWaysJob = z.object({ tenantId: id, campaignId: id });

/**
 * Pushes the campaign's active staff pool to every participant's contact way, a page at a time.
 * Each call carries a key per (way, pool), so a retried job repeats nothing on the simulator.
 */
export async function syncCampaignWays(deps: Deps, input: { tenantId: number; campaignId: number }): Promise<number> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const campaign = await loadCampaign(ctx, input.campaignId);
  const staffUserIds = await activePoolUserIds(ctx, campaign.staffIds);
  if (staffUserIds.length === 0) {
    deps.log.warn(
      { tenantId: input.tenantId, campaignId: input.campaignId },
      'fission ways not updated: no active staff in the pool',
    );
    return 0;
  }
  const channel = await deps.channelFor(input.tenantId);
  const poolKey = staffUserIds.join(',');
  let after = 0;
  let updated = 0;
  for (;;) {
    const page = await deps.db
      .select({ id: fissionParticipants.id, configId: fissionParticipants.wayConfigId })
      .from(fissionParticipants)
      .where(
        and(
          eq(fissionParticipants.tenantId, input.tenantId),
          eq(fissionParticipants.campaignId, input.campaignId),
          isNotNull(fissionParticipants.wayConfigId),
          gt(fissionParticipants.id, after),
        ),
      )
      .orderBy(asc(fissionParticipants.id))
      .limit(200);
    for (const p of page) {
      if (!p.configId) continue;
      try {
        await channel.updateContactWay({
          tenantId: input.tenantId,
          configId: p.configId,
          staffUserIds,
          idempotencyKey: `fission:${input.campaignId}:participant:${p.id}:pool:${poolKey}`.slice(0, 200),
        });
        updated++;
      } catch (error) {
        // A way deleted on the channel side stays as it is; anything else is retried with the job.
        if (!(error instanceof ChannelError && error.code === 'NOT_FOUND')) throw error;
      }
    }
    const last = page.at(-1);
    if (!last || page.length < 200) break;
    after = last.id;
  }
  return updated;
}

/** Registers the fission jobs: code preparation, staff-pool sync, and the minute sweep that ends campaigns. */
export async function registerFissionJobs(deps: Deps): Promise<void> {
  await deps.queue.register(FISSION_PREPARE_JOB, async (data) => {
    const job = ZPrepareParticipantJob.parse(data);
    const ctx = withActor(deps, systemActor(job.tenantId));
    await ensureParticipantWay(ctx, job.participantId);
    if (job.notify) await sendParticipantLink(ctx, { participantId: job.participantId, ...job.notify });
  });
  await deps.queue.register(FISSION_SYNC_WAYS_JOB, async (data) => {
    await syncCampaignWays(deps, ZSyncWaysJob.parse(data));
  });
  await deps.queue.register(FISSION_SWEEP_JOB, async () => {
    await endExpiredCampaigns(deps);
  });
  await deps.queue.schedule(FISSION_SWEEP_JOB, '* * * * *');
}
