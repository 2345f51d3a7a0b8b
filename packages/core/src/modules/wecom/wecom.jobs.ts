import { z } from 'zod';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { listTenantsOnChannel } from '../org/list-tenants-on-channel.ts';
import { pullWecomStats } from './stats/pull-wecom-stats.ts';
import { shanghaiDay, yesterdayIn } from './stats/stats-rules.ts';
import { recordSyncFailure } from './sync/record-sync-failure.ts';
import { runWecomSync } from './sync/run-wecom-sync.ts';
import { startWecomSync, WECOM_SYNC_JOB } from './sync/start-wecom-sync.ts';
import { sweepWecomSyncs } from './sync/sweep-wecom-syncs.ts';
import { wecomConnections } from './wecom.tables.ts';

export const WECOM_SYNC_SWEEP_JOB = 'wecom.sync-sweep';
export const WECOM_NIGHTLY_JOB = 'wecom.nightly';
export const WECOM_RECONCILE_JOB = 'wecom.reconcile';
export const WECOM_STATS_DAILY_JOB = 'wecom.stats-daily';
export const WECOM_STATS_JOB = 'wecom.stats';

// The queue's cron runs in UTC; Asia/Shanghai is UTC+8 all year.
const NIGHTLY_CRON = '0 19 * * *'; // 03:00 Asia/Shanghai
const STATS_CRON = '0 20 * * *'; // 04:00 Asia/Shanghai

const ZSyncJob = z.object({ tenantId: z.number().int().positive(), runId: z.number().int().positive() });
const ZTenantDayJob = z.object({ tenantId: z.number().int().positive(), day: z.string() });

/** Tenants served by WeCom that have a saved connection. */
async function wecomTenants(deps: Deps): Promise<number[]> {
  const onWecom = new Set(await listTenantsOnChannel(deps, 'wecom'));
  const conns = await deps.db.select({ tenantId: wecomConnections.tenantId }).from(wecomConnections);
  return conns.map((c) => c.tenantId).filter((id) => onWecom.has(id));
}

/** Runs one sync job; a retryable failure is thrown again so the queue backs off. */
export async function handleWecomSyncJob(deps: Deps, data: unknown): Promise<void> {
  const job = ZSyncJob.parse(data);
  try {
    await runWecomSync(deps, job);
  } catch (error) {
    if ((await recordSyncFailure(deps, job, error)) === 'retry') throw error;
  }
}

/** Queues tomorrow's work per tenant with ids fixed per day: two sweeps queue it once. */
async function fanOut(deps: Deps, job: string, day: string): Promise<number> {
  const tenants = await wecomTenants(deps);
  for (const tenantId of tenants) {
    await deps.queue.send(job, { tenantId, day }, { id: deterministicJobId(`${job}:${tenantId}:${day}`) });
  }
  return tenants.length;
}

/**
 * Registers the WeCom module's jobs: `wecom.sync` (one run, resumable, retried with backoff),
 * `wecom.sync-sweep` every minute (re-queues runs whose job vanished), the nightly reconcile at
 * 03:00 Asia/Shanghai for every tenant on WeCom, and `wecom.stats` at 04:00 pulling yesterday.
 * @example
 * await registerWecomJobs(deps);
 */
export async function registerWecomJobs(deps: Deps): Promise<void> {
  await deps.queue.register(WECOM_SYNC_JOB, (data) => handleWecomSyncJob(deps, data));
  await deps.queue.register(WECOM_SYNC_SWEEP_JOB, async () => {
    await sweepWecomSyncs(deps);
  });
  await deps.queue.register(WECOM_NIGHTLY_JOB, async () => {
    await fanOut(deps, WECOM_RECONCILE_JOB, shanghaiDay(deps.now()));
  });
  await deps.queue.register(WECOM_RECONCILE_JOB, async (data) => {
    const job = ZTenantDayJob.parse(data);
    try {
      await startWecomSync(withActor(deps, systemActor(job.tenantId)), { kind: 'reconcile' });
    } catch (error) {
      // Already running (an import, or last night's still going): that run does the work.
      if (error instanceof AppError && error.code === 'CONFLICT') {
        deps.log.info({ tenantId: job.tenantId, day: job.day }, 'nightly wecom reconcile skipped: a run is in progress');
        return;
      }
      throw error;
    }
  });
  await deps.queue.register(WECOM_STATS_DAILY_JOB, async () => {
    await fanOut(deps, WECOM_STATS_JOB, yesterdayIn(deps.now()));
  });
  await deps.queue.register(WECOM_STATS_JOB, async (data) => {
    const job = ZTenantDayJob.parse(data);
    await pullWecomStats(withActor(deps, systemActor(job.tenantId)), { from: job.day, to: job.day });
  });
  await deps.queue.schedule(WECOM_SYNC_SWEEP_JOB, '* * * * *');
  await deps.queue.schedule(WECOM_NIGHTLY_JOB, NIGHTLY_CRON);
  await deps.queue.schedule(WECOM_STATS_DAILY_JOB, STATS_CRON);
}
