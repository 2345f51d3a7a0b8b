import { and, asc, eq, lt } from 'drizzle-orm';
import type { Deps } from '../../../context.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import { syncJobId, WECOM_SYNC_JOB } from './start-wecom-sync.ts';
import { STALE_RUN_MS } from './sync-rules.ts';

/**
 * The safety net for a lost `wecom.sync` job: re-queues every running run not updated for more
 * than `STALE_RUN_MS` (its job vanished with a crashed worker, or gave up retrying). Once per
 * slot of that length per run, however often the sweep runs. Across tenants, as the system.
 * @example
 * const requeued = await sweepWecomSyncs(deps);
 */
export async function sweepWecomSyncs(deps: Deps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.now().getTime();
  const rows = await deps.db
    .select({ tenantId: wecomSyncRuns.tenantId, id: wecomSyncRuns.id })
    .from(wecomSyncRuns)
    .where(and(eq(wecomSyncRuns.status, 'running'), lt(wecomSyncRuns.updatedAt, new Date(now - STALE_RUN_MS))))
    .orderBy(asc(wecomSyncRuns.updatedAt))
    .limit(options.limit ?? 100);
  const slot = Math.floor(now / STALE_RUN_MS);
  for (const r of rows) {
    await deps.queue.send(
      WECOM_SYNC_JOB,
      { tenantId: r.tenantId, runId: r.id },
      { id: syncJobId(r.tenantId, r.id, `sweep:${slot}`) },
    );
  }
  return rows.length;
}
