import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import type { Deps } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { broadcasts } from './broadcasts.tables.ts';
import { BROADCAST_RESULTS_JOB } from './collect-broadcast-results.ts';
import { BROADCAST_PLAN_JOB, PLANNING_LEASE_MS } from './plan-broadcast.ts';

const SLOT_MS = 60_000;

/**
 * `broadcasts.sweep`, every minute, across tenants: re-enqueues the planning of due scheduled
 * broadcasts (a lost job) and of plannings past their lease (a dead worker), and enqueues a
 * results poll for every broadcast still sending. One job per broadcast and minute slot.
 */
export async function sweepBroadcasts(deps: Deps, options: { limit?: number } = {}): Promise<number> {
  const now = deps.now();
  const rows = await deps.db
    .select({ tenantId: broadcasts.tenantId, id: broadcasts.id, status: broadcasts.status })
    .from(broadcasts)
    .where(
      or(
        and(eq(broadcasts.status, 'scheduled'), or(isNull(broadcasts.sendAt), lte(broadcasts.sendAt, now))),
        and(eq(broadcasts.status, 'planning'), lt(broadcasts.planningAt, new Date(now.getTime() - PLANNING_LEASE_MS))),
        eq(broadcasts.status, 'sending'),
      ),
    )
    .orderBy(asc(broadcasts.id))
    .limit(options.limit ?? 500);
  const slot = Math.floor(now.getTime() / SLOT_MS);
  for (const b of rows) {
    const job = b.status === 'sending' ? BROADCAST_RESULTS_JOB : BROADCAST_PLAN_JOB;
    await deps.queue.send(
      job,
      { tenantId: b.tenantId, broadcastId: b.id },
      { id: deterministicJobId(`${job}:${b.tenantId}:${b.id}:${slot}`) },
    );
  }
  return rows.length;
}
