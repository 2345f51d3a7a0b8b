import type { Deps } from '../../context.ts';

/** Queues and schedules of the referral module. */
export async function registerReferralJobs(_deps: Deps): Promise<void> {
  // Filled in by the referral module.
}
