import type { Ctx } from '../../context.ts';
import { AppError } from '../../lib/errors.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { BROADCAST_RESULTS_JOB } from './collect-broadcast-results.ts';
import { loadBroadcast } from './to-broadcast.ts';

const SLOT_MS = 10_000;

/**
 * Asks for the results of a sending broadcast now instead of at the next minute's sweep (the
 * operator's "refresh"): enqueues its results poll, at most one per 10 s.
 */
export async function refreshBroadcastResults(ctx: Ctx, id: number): Promise<{ queued: boolean }> {
  const b = await loadBroadcast(ctx, id, 'see broadcasts');
  if (b.status !== 'sending') {
    throw new AppError('CONFLICT', `Broadcast ${id} is ${b.status}; results are collected while it is sending.`);
  }
  const slot = Math.floor(ctx.now().getTime() / SLOT_MS);
  const job = await ctx.queue.send(
    BROADCAST_RESULTS_JOB,
    { tenantId: ctx.actor.tenantId, broadcastId: id },
    { id: deterministicJobId(`${BROADCAST_RESULTS_JOB}:refresh:${ctx.actor.tenantId}:${id}:${slot}`) },
  );
  return { queued: job !== null };
}
