import type { Deps } from './context.ts';
import { registerAudienceJobs } from './modules/audiences/audiences.jobs.ts';
import { registerAutomationJobs } from './modules/automations/automations.jobs.ts';
import { registerBroadcastJobs } from './modules/broadcasts/broadcasts.jobs.ts';
import { registerCheckinJobs } from './modules/checkins/checkins.jobs.ts';
import { registerFissionJobs } from './modules/fission/fission.jobs.ts';
import { registerGroupCodeJobs } from './modules/group-codes/group-codes.jobs.ts';
import { registerInboxJobs } from './modules/inbox/inbox.jobs.ts';
import { registerLiveCodeJobs } from './modules/live-codes/live-codes.jobs.ts';
import { registerMaterialJobs } from './modules/materials/materials.jobs.ts';
import { registerMomentJobs } from './modules/moments/moments.jobs.ts';
import { registerOutboxJobs } from './modules/outbox/outbox.jobs.ts';
import { registerPosterJobs } from './modules/posters/posters.jobs.ts';
import { registerReferralJobs } from './modules/referral/referral.jobs.ts';
import { registerSimulatorJobs } from './modules/simulator/simulator.jobs.ts';
import { registerSopJobs } from './modules/sops/sops.jobs.ts';
import { registerStoreCodeJobs } from './modules/store-codes/store-codes.jobs.ts';
import { registerGuideTaskJobs } from './modules/tasks/tasks.jobs.ts';
import { registerWecomJobs } from './modules/wecom/wecom.jobs.ts';

/**
 * Registers every module's jobs on the queue. Call at boot after `registerChannels(deps)` and
 * `deps.queue.start()`, then `deps.queue.startWorkers()` in the worker role.
 * @example
 * registerChannels(deps);
 * await deps.queue.start();
 * await registerAllJobs(deps);
 * await deps.queue.startWorkers();
 */
export async function registerAllJobs(deps: Deps): Promise<void> {
  await registerInboxJobs(deps);
  await registerOutboxJobs(deps);
  await registerSimulatorJobs(deps);
  await registerLiveCodeJobs(deps);
  await registerGroupCodeJobs(deps);
  await registerStoreCodeJobs(deps);
  await registerPosterJobs(deps);
  await registerFissionJobs(deps);
  await registerReferralJobs(deps);
  await registerCheckinJobs(deps);
  await registerAudienceJobs(deps);
  await registerAutomationJobs(deps);
  await registerBroadcastJobs(deps);
  await registerSopJobs(deps);
  await registerMomentJobs(deps);
  await registerGuideTaskJobs(deps);
  await registerMaterialJobs(deps);
  await registerWecomJobs(deps);
}
