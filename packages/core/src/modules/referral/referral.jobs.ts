import { type Deps, systemActor, withActor } from '../../context.ts';
import { referralProgrammes } from './referral.tables.ts';
import { settleAllReferralCommissions } from './settle-commissions.ts';
import { syncReferrerWays } from './sync-referrer-ways.ts';

export const REFERRAL_SETTLE_JOB = 'referral.settle';
export const REFERRAL_SYNC_WAYS_JOB = 'referral.sync-ways';

/**
 * Queues and schedules of the referral module: `referral.settle` (every 5 minutes: pending
 * commissions past their refund window become settled) and `referral.sync-ways` (every 10
 * minutes: customer referrers' contact ways follow the programme's staff pool).
 */
export async function registerReferralJobs(deps: Deps): Promise<void> {
  await deps.queue.register(REFERRAL_SETTLE_JOB, async () => {
    await settleAllReferralCommissions(deps);
  });
  await deps.queue.register(REFERRAL_SYNC_WAYS_JOB, async () => {
    const tenants = await deps.db.select({ tenantId: referralProgrammes.tenantId }).from(referralProgrammes);
    for (const { tenantId } of tenants) {
      try {
        await syncReferrerWays(withActor(deps, systemActor(tenantId)));
      } catch (error) {
        // One tenant's channel trouble must not hold up the others; the next sweep tries again.
        deps.log.warn({ tenantId, err: error instanceof Error ? error.message : String(error) }, 'referral: sync ways failed');
      }
    }
  });
  await deps.queue.schedule(REFERRAL_SETTLE_JOB, '*/5 * * * *');
  await deps.queue.schedule(REFERRAL_SYNC_WAYS_JOB, '*/10 * * * *');
}
