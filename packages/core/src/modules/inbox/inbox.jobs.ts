import { and, asc, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { inboxEvents } from './inbox.tables.ts';
import { INBOX_PROCESS_JOB } from './ingest-event.ts';
import { processInboxEvent } from './process-inbox-event.ts';

export const INBOX_SWEEP_JOB = 'inbox.sweep';

export const ZInboxProcessJob = z.object({ tenantId: z.number().int().positive(), inboxEventId: z.number().int().positive() });

// A pending row is re-enqueued at most once per slot, however often the sweep runs.
const SWEEP_SLOT_MS = 5 * 60_000;

/**
 * The safety net for a lost enqueue: when no `inbox.process` job is waiting, re-enqueues it (in
 * one statement) for rows still pending after `olderThanMs` (their job vanished, or failed for
 * good — processing twice is harmless, the dispatcher skips what is done). Runs across tenants,
 * as the system.
 */
export async function sweepInbox(deps: Deps, options: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  // While jobs are waiting, a pending row is most likely one of them (a burst being worked off):
  // re-enqueueing would only add duplicate work to the backlog. A row whose job really vanished
  // is re-enqueued once the queue has run dry.
  if ((await deps.queue.waiting(INBOX_PROCESS_JOB)) > 0) return 0;
  const now = deps.now().getTime();
  return enqueuePending(deps, {
    before: new Date(now - (options.olderThanMs ?? 60_000)),
    oldestFirst: true,
    limit: options.limit ?? 500,
    slot: String(Math.floor(now / SWEEP_SLOT_MS)),
  });
}

/**
 * What a worker runs once when it starts: rows pending since before now are enqueued whether or
 * not other jobs are waiting — a process killed between a callback group's commit and its enqueue
 * left some without a job (ADR 008) — so they are processed within seconds of the restart rather
 * than at the next minute's sweep after the backlog. The newest 2,000: more than a crash can leave
 * without jobs (a few groups); rows beyond, in a larger backlog, have their jobs, and the minute's
 * sweep remains the last net. Returns how many rows it enqueued.
 * @example
 * await deps.queue.startWorkers({ pollingIntervalSeconds: 1 });
 * await sweepInboxAtStart(deps);
 */
export function sweepInboxAtStart(deps: Deps): Promise<number> {
  const now = deps.now();
  return enqueuePending(deps, { before: now, oldestFirst: false, limit: 2_000, slot: `start-${now.getTime()}` });
}

// Enqueues `inbox.process` for pending rows received before `before`, with job ids unique per
// (row, slot) so that a second pass in the same slot adds nothing.
async function enqueuePending(
  deps: Deps,
  pass: { before: Date; oldestFirst: boolean; limit: number; slot: string },
): Promise<number> {
  const rows = await deps.db
    .select({ tenantId: inboxEvents.tenantId, id: inboxEvents.id })
    .from(inboxEvents)
    .where(and(eq(inboxEvents.status, 'pending'), lt(inboxEvents.receivedAt, pass.before)))
    .orderBy(pass.oldestFirst ? asc(inboxEvents.receivedAt) : desc(inboxEvents.receivedAt))
    .limit(pass.limit);
  await deps.queue.sendMany(
    INBOX_PROCESS_JOB,
    rows.map((row) => ({
      data: { tenantId: row.tenantId, inboxEventId: row.id },
      id: deterministicJobId(`inbox:${row.tenantId}:${row.id}:${pass.slot}`),
    })),
  );
  return rows.length;
}

/**
 * Registers the inbox's jobs on the queue: `inbox.process` (the dispatcher) and `inbox.sweep`
 * (every minute). Call at boot, after `queue.start()`.
 * @example
 * await deps.queue.start();
 * await registerInboxJobs(deps);
 */
export async function registerInboxJobs(deps: Deps): Promise<void> {
  await deps.queue.register(INBOX_PROCESS_JOB, async (data) => {
    await processInboxEvent(deps, ZInboxProcessJob.parse(data));
  });
  await deps.queue.register(INBOX_SWEEP_JOB, async () => {
    await sweepInbox(deps);
  });
  await deps.queue.schedule(INBOX_SWEEP_JOB, '* * * * *');
}
