import { and, asc, eq, lt, or } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { OUTBOX_SEND_JOB } from './enqueue-action.ts';
import { ZOutboxSendJob } from './outbox.schemas.ts';
import { outboundActions } from './outbox.tables.ts';
import { OUTBOX_CLAIM_LEASE_MS, sendAction } from './send-action.ts';

export const OUTBOX_SWEEP_JOB = 'outbox.sweep';

const SWEEP_SLOT_MS = 5 * 60_000;

/**
 * The safety net for a lost enqueue or a dead worker: re-enqueues `outbox.send` for actions still
 * pending after `olderThanMs`, and for claims whose lease ran out. Runs across tenants, as the system.
 */
export async function sweepOutbox(deps: Deps, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const now = deps.now().getTime();
  const rows = await deps.db
    .select({ tenantId: outboundActions.tenantId, id: outboundActions.id })
    .from(outboundActions)
    .where(
      or(
        and(
          eq(outboundActions.status, 'pending'),
          lt(outboundActions.createdAt, new Date(now - (options.olderThanMs ?? 60_000))),
        ),
        and(eq(outboundActions.status, 'sending'), lt(outboundActions.claimedAt, new Date(now - OUTBOX_CLAIM_LEASE_MS))),
      ),
    )
    .orderBy(asc(outboundActions.createdAt))
    .limit(options.limit ?? 500);
  const slot = Math.floor(now / SWEEP_SLOT_MS);
  for (const row of rows) {
    await deps.queue.send(
      OUTBOX_SEND_JOB,
      { tenantId: row.tenantId, actionId: row.id },
      { id: deterministicJobId(`outbox:${row.tenantId}:${row.id}:${slot}`) },
    );
  }
  return rows.length;
}

/**
 * Registers the outbox's jobs: `outbox.send` and `outbox.sweep` (every minute). Call at boot,
 * after `queue.start()` and `registerChannels(deps)`.
 */
export async function registerOutboxJobs(deps: Deps): Promise<void> {
  await deps.queue.register(OUTBOX_SEND_JOB, async (data) => {
    await sendAction(deps, ZOutboxSendJob.parse(data));
  });
  await deps.queue.register(OUTBOX_SWEEP_JOB, async () => {
    await sweepOutbox(deps);
  });
  await deps.queue.schedule(OUTBOX_SWEEP_JOB, '* * * * *');
}
