import { ChannelError } from '@pond/channels';
import { and, eq, ne, sql } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { getActionStatuses } from '../outbox/get-action-status.ts';
import { CONFIRM_WINDOW_MS, statusOfResultCode, type TRecipientStatus } from './broadcast-rules.ts';
import { broadcastRecipients, broadcasts, broadcastTasks } from './broadcasts.tables.ts';
import { refreshBroadcastCounts } from './plan-broadcast.ts';

export const BROADCAST_RESULTS_JOB = 'broadcasts.results';

type TTask = typeof broadcastTasks.$inferSelect;
type TSettlement = { task: TTask; msgId: string | null; byTarget: Map<string, TRecipientStatus>; rest: TRecipientStatus };

// Settles tasks in one transaction, set-wise over the broadcast's rows (one pass, whatever the
// number of tasks): first each reported target's status, then every row still queued in a settled
// task gets the task's `rest` status (a failed action, a task never confirmed, a target the channel
// did not report).
async function settleTasks(ctx: Ctx, broadcastId: number, settlements: TSettlement[]): Promise<void> {
  if (settlements.length === 0) return;
  const now = ctx.now().toISOString();
  const tenantId = ctx.actor.tenantId;
  const results = settlements.flatMap((s) => [...s.byTarget].map(([ext, status]) => ({ staff: s.task.staffId, ext, status })));
  const ranges = settlements.map((s) => ({
    staff: s.task.staffId,
    first: s.task.firstRecipientId,
    last: s.task.lastRecipientId,
    rest: s.rest,
  }));
  await ctx.db.transaction(async (tx) => {
    if (results.length > 0) {
      await tx.execute(sql`update ${broadcastRecipients} r set status = x.status, result_at = ${now}
        from jsonb_to_recordset(${JSON.stringify(results)}::jsonb) as x(staff bigint, ext text, status text)
        where r.tenant_id = ${tenantId} and r.broadcast_id = ${broadcastId} and r.status = 'queued'
          and r.staff_id = x.staff and r.external_id = x.ext`);
    }
    await tx.execute(sql`update ${broadcastRecipients} r set status = t.rest, result_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb) as t(staff bigint, first bigint, last bigint, rest text)
      where r.tenant_id = ${tenantId} and r.broadcast_id = ${broadcastId} and r.status = 'queued'
        and r.staff_id = t.staff and r.recipient_id between t.first and t.last`);
    for (const s of settlements) {
      await tx
        .update(broadcastTasks)
        .set({ status: 'done', msgId: s.msgId ?? s.task.msgId, polledAt: ctx.now() })
        .where(and(eq(broadcastTasks.tenantId, tenantId), eq(broadcastTasks.id, s.task.id)));
    }
  });
}

/**
 * The `broadcasts.results` job for one broadcast: for each task not yet settled, reads its outbox
 * action; a failed action fails its recipients; a created mass task is polled with
 * getMassTaskResult — once the staff member confirmed, each target gets its status (1 sent, 2 not a
 * friend, 3 over the monthly limit); a task never confirmed, or still waiting after 3 days, leaves
 * its recipients unconfirmed. When every task is settled the broadcast is `sent`.
 * @example
 * await collectBroadcastResults(deps, { tenantId, broadcastId });
 */
export async function collectBroadcastResults(
  deps: Deps,
  input: { tenantId: number; broadcastId: number },
): Promise<{ open: number; settled: number }> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  const tasks = await deps.db
    .select()
    .from(broadcastTasks)
    .where(
      and(
        eq(broadcastTasks.tenantId, input.tenantId),
        eq(broadcastTasks.broadcastId, input.broadcastId),
        ne(broadcastTasks.status, 'done'),
      ),
    );
  const keys = tasks.map((t) => `broadcast:${t.broadcastId}:staff:${t.staffId}:${t.chunk}`);
  const actions = await getActionStatuses(ctx, keys);
  const now = deps.now();
  const settlements: TSettlement[] = [];
  const settle = (task: TTask, byTarget: Map<string, TRecipientStatus>, rest: TRecipientStatus, msgId: string | null) =>
    settlements.push({ task, byTarget, rest, msgId });
  for (const [i, task] of tasks.entries()) {
    const action = actions.get(keys[i] as string);
    if (!action) continue;
    if (action.status === 'failed' || action.status === 'expired') {
      settle(task, new Map(), 'failed', null);
      continue;
    }
    if (action.status !== 'sent' || !action.externalId) continue;
    const msgId = action.externalId;
    let result: Awaited<ReturnType<Awaited<ReturnType<Deps['channelFor']>>['getMassTaskResult']>>;
    try {
      const channel = await deps.channelFor(input.tenantId);
      result = await channel.getMassTaskResult({ tenantId: input.tenantId, msgId });
    } catch (error) {
      if (error instanceof ChannelError && error.code === 'NOT_FOUND') {
        settle(task, new Map(), 'failed', msgId);
        continue;
      }
      throw error;
    }
    if (result.state === 'sent') {
      const byTarget = new Map(result.results.map((r) => [r.target, statusOfResultCode(r.status)] as const));
      settle(task, byTarget, 'unconfirmed', msgId);
    } else if (result.state === 'never' || now.getTime() - task.createdAt.getTime() > CONFIRM_WINDOW_MS) {
      settle(task, new Map(), 'unconfirmed', msgId);
    } else {
      await deps.db
        .update(broadcastTasks)
        .set({ status: 'waiting', msgId, polledAt: now })
        .where(and(eq(broadcastTasks.tenantId, task.tenantId), eq(broadcastTasks.id, task.id)));
    }
  }
  await settleTasks(ctx, input.broadcastId, settlements);
  const settled = settlements.length;
  const open = tasks.length - settled;
  await refreshBroadcastCounts(ctx, input.broadcastId);
  if (open === 0) {
    await deps.db
      .update(broadcasts)
      .set({ status: 'sent', completedAt: now, updatedAt: now })
      .where(
        and(eq(broadcasts.tenantId, input.tenantId), eq(broadcasts.id, input.broadcastId), eq(broadcasts.status, 'sending')),
      );
  }
  return { open, settled };
}
