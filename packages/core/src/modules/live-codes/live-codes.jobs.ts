import { ChannelError } from '@pond/channels';
import { and, asc, eq, gt, isNotNull, isNull, or } from 'drizzle-orm';
import { type Deps, systemActor, withActor } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { applyLiveCodeRouting } from './apply-live-code-routing.ts';
import { LIVE_CODE_APPLY_JOB } from './attribute-live-code-add.ts';
import { ZApplyLiveCodeJob } from './live-codes.schemas.ts';
import { liveCodes } from './live-codes.tables.ts';

export { LIVE_CODE_APPLY_JOB };
export const LIVE_CODE_SWEEP_JOB = 'live-codes.sweep';

const SWEEP_SLOT_MS = 60_000;
const SWEEP_PAGE = 1000;

/**
 * The minute sweep: one `live-codes.apply` job per code that may need its contact way changed —
 * active codes (schedules and caps move with the clock; codes without a way get one) and archived
 * or deleted codes whose way still exists. Each job id is derived from the code and the minute, so
 * two sweeps in the same minute enqueue it once. Runs across tenants.
 */
export async function sweepLiveCodes(deps: Deps): Promise<number> {
  const slot = Math.floor(deps.now().getTime() / SWEEP_SLOT_MS);
  let lastKey: { tenantId: number; id: number } | null = null;
  let queued = 0;
  for (;;) {
    const after = lastKey;
    const rows: { tenantId: number; id: number }[] = await deps.db
      .select({ tenantId: liveCodes.tenantId, id: liveCodes.id })
      .from(liveCodes)
      .where(
        and(
          or(
            and(eq(liveCodes.status, 'active'), isNull(liveCodes.deletedAt)),
            and(isNotNull(liveCodes.configId), or(eq(liveCodes.status, 'archived'), isNotNull(liveCodes.deletedAt))),
          ),
          after
            ? or(gt(liveCodes.tenantId, after.tenantId), and(eq(liveCodes.tenantId, after.tenantId), gt(liveCodes.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(asc(liveCodes.tenantId), asc(liveCodes.id))
      .limit(SWEEP_PAGE);
    for (const row of rows) {
      await deps.queue.send(
        LIVE_CODE_APPLY_JOB,
        { tenantId: row.tenantId, codeId: row.id, reason: 'sweep' },
        { id: deterministicJobId(`live-code:${row.tenantId}:${row.id}:sweep:${slot}`) },
      );
      queued++;
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < SWEEP_PAGE) return queued;
    lastKey = last;
  }
}

/**
 * Runs one `live-codes.apply` job. A run that finds the code busy (another run is applying it) or
 * fails for a reason worth retrying throws, so the queue tries again shortly — except for the
 * minute sweep's own jobs, which the next minute repeats anyway.
 */
export async function runLiveCodeApplyJob(deps: Deps, data: unknown): Promise<void> {
  const job = ZApplyLiveCodeJob.parse(data);
  const ctx = withActor(deps, systemActor(job.tenantId));
  const result = await applyLiveCodeRouting(ctx, job.codeId, { reason: job.reason });
  if (job.reason === 'sweep') return;
  if (result.outcome === 'busy') throw new Error(`Live code ${job.codeId} is being applied by another run; retrying.`);
  if (result.outcome === 'failed' && (!(result.cause instanceof ChannelError) || result.cause.retryable)) {
    throw new Error(`Live code ${job.codeId}: ${result.error ?? 'applying failed'}; retrying.`);
  }
}

/** Registers `live-codes.apply` and `live-codes.sweep` (every minute). Call at boot. */
export async function registerLiveCodeJobs(deps: Deps): Promise<void> {
  await deps.queue.register(LIVE_CODE_APPLY_JOB, async (data) => {
    await runLiveCodeApplyJob(deps, data);
  });
  await deps.queue.register(LIVE_CODE_SWEEP_JOB, async () => {
    await sweepLiveCodes(deps);
  });
  await deps.queue.schedule(LIVE_CODE_SWEEP_JOB, '* * * * *');
}
