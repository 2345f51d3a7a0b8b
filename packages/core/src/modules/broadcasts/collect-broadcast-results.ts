import { ChannelError } from '@pond/channels';
import { and, eq, ne, sql } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { getActionStatuses } from '../outbox/get-action-status.ts';
import { CONFIRM_WINDOW_MS, statusOfResultCode, type TRecipientStatus } from './broadcast-rules.ts';
import { broadcastRecipients, broadcasts, broadcastTasks } from './broadcasts.tables.ts';
import { refreshBroadcastCounts, taskRange } from './plan-broadcast.ts';

export const BROADCAST_RESULTS_JOB = 'broadcasts.results';

type TTask = typeof broadcastTasks.$inferSelect;

// Settles a task's still-queued recipients: per target where the channel reported one, else `rest`.
async function settleTask(
  ctx: Ctx,
  task: TTask,
  byTarget: Map<string, TRecipientStatus>,
  rest: TRecipientStatus,
  msgId: string | null,
): Promise<void> {
  const now = ctx.now();
  const results = JSON.stringify([...byTarget].map(([ext, status]) => ({ ext, status })));
  await ctx.db.transaction(async (tx) => {
    if (byTarget.size > 0) {
      await tx.execute(sql`update ${broadcastRecipients} r set status = x.status, result_at = ${now.toISOString()}
        from jsonb_to_recordset(${results}::jsonb) as x(ext text, status text)
        where r.tenant_id = ${task.tenantId} and r.broadcast_id = ${task.broadcastId} and r.staff_id = ${task.staffId}
          and r.recipient_id between ${task.firstRecipientId} and ${task.lastRecipientId}
          and r.status = 'queued' and r.external_id = x.ext`);
    }
    await tx
      .update(broadcastRecipients)
      .set({ status: rest, resultAt: now })
      .where(and(taskRange(task), eq(broadcastRecipients.status, 'queued')));
    await tx
      .update(broadcastTasks)
      .set({ status: 'done', msgId: msgId ?? task.msgId, polledAt: now })
      .where(and(eq(broadcastTasks.tenantId, task.tenantId), eq(broadcastTasks.id, task.id)));
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
  let settled = 0;
  for (const [i, task] of tasks.entries()) {
    const action = actions.get(keys[i] as string);
    if (!action) continue;
    if (action.status === 'failed' || action.status === 'expired') {
      await settleTask(ctx, task, new Map(), 'failed', null);
      settled++;
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
        await settleTask(ctx, task, new Map(), 'failed', msgId);
        settled++;
        continue;
      }
      throw error;
    }
    if (result.state === 'sent') {
      const byTarget = new Map(result.results.map((r) => [r.target, statusOfResultCode(r.status)] as const));
      await settleTask(ctx, task, byTarget, 'unconfirmed', msgId);
      settled++;
    } else if (result.state === 'never' || now.getTime() - task.createdAt.getTime() > CONFIRM_WINDOW_MS) {
      await settleTask(ctx, task, new Map(), 'unconfirmed', msgId);
      settled++;
    } else {
      await deps.db
        .update(broadcastTasks)
        .set({ status: 'waiting', msgId, polledAt: now })
        .where(and(eq(broadcastTasks.tenantId, task.tenantId), eq(broadcastTasks.id, task.id)));
    }
  }
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
