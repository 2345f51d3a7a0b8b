import { ChannelError } from '@pond/channels';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, inTransaction, systemActor, withActor } from '../../context.ts';
import { getActionStatuses } from '../outbox/get-action-status.ts';
import { completeGuideTasks } from '../tasks/guide-task-states.ts';
import { MOMENT_TRACK_DAYS } from './moments.schemas.ts';
import { momentTaskStaff, momentTasks } from './moments.tables.ts';
import { loadMomentTaskRow } from './to-moment-task.ts';

/** Tasks followed per run of `moments.sync`. */
export const MOMENT_SYNC_BATCH = 200;

/**
 * Follows one moments task: once its outbox action is sent it records the channel's moment id
 * (`running`), or `failed` with the channel's reason; while running it pulls who has published
 * (get_moment_task_result), marks them and completes their guide task. It stops (`done`) when
 * everyone has published or `MOMENT_TRACK_DAYS` have passed.
 * @example
 * const { status, publishedCount } = await syncMomentTask(ctx, 7);
 */
export async function syncMomentTask(ctx: Ctx, id: number): Promise<{ status: string; publishedCount: number }> {
  let task = await loadMomentTaskRow(ctx, id);
  const now = ctx.now();
  if (task.status === 'sending') {
    const action = (await getActionStatuses(ctx, [`moment:${id}`])).get(`moment:${id}`);
    if (action?.status === 'sent' && action.externalId) {
      await dbOf(ctx)
        .update(momentTasks)
        .set({ status: 'running', momentId: action.externalId, lastSyncedAt: now })
        .where(and(eq(momentTasks.tenantId, ctx.actor.tenantId), eq(momentTasks.id, id), eq(momentTasks.status, 'sending')));
    } else if (action && (action.status === 'failed' || action.status === 'expired')) {
      await dbOf(ctx)
        .update(momentTasks)
        .set({ status: 'failed', error: action.error ?? action.status, finishedAt: now, lastSyncedAt: now })
        .where(and(eq(momentTasks.tenantId, ctx.actor.tenantId), eq(momentTasks.id, id)));
    }
    task = await loadMomentTaskRow(ctx, id);
  }
  if (task.status !== 'running' || !task.momentId) return { status: task.status, publishedCount: task.publishedCount };

  // The channel call happens outside any transaction (the simulator reads Pond's own tables).
  const channel = await ctx.channelFor(ctx.actor.tenantId);
  let published: Set<string>;
  try {
    const result = await channel.getMomentTaskResult({ tenantId: ctx.actor.tenantId, momentId: task.momentId });
    published = new Set(result.staff.filter((s) => s.published).map((s) => s.userId));
  } catch (error) {
    if (error instanceof ChannelError && !error.retryable) {
      await dbOf(ctx)
        .update(momentTasks)
        .set({ status: 'failed', error: `${error.code}: ${error.message}`, finishedAt: now })
        .where(and(eq(momentTasks.tenantId, ctx.actor.tenantId), eq(momentTasks.id, id)));
      return { status: 'failed', publishedCount: task.publishedCount };
    }
    throw error;
  }
  const momentRow = task;
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    const fresh = await db
      .update(momentTaskStaff)
      .set({ published: true, publishedAt: now })
      .where(
        and(
          eq(momentTaskStaff.tenantId, tenantId),
          eq(momentTaskStaff.taskId, id),
          eq(momentTaskStaff.published, false),
          inArray(momentTaskStaff.staffUserId, published.size ? [...published] : ['']),
        ),
      )
      .returning({ guideTaskId: momentTaskStaff.guideTaskId });
    await completeGuideTasks(
      tctx,
      fresh.flatMap((f) => (f.guideTaskId ? [f.guideTaskId] : [])),
      now,
    );
    const publishedCount = momentRow.publishedCount + fresh.length;
    const expired = now.getTime() - momentRow.createdAt.getTime() > MOMENT_TRACK_DAYS * 86_400_000;
    const finished = publishedCount >= momentRow.staffCount || expired;
    await db
      .update(momentTasks)
      .set({
        publishedCount,
        lastSyncedAt: now,
        status: finished ? 'done' : 'running',
        finishedAt: finished ? now : null,
      })
      .where(and(eq(momentTasks.tenantId, tenantId), eq(momentTasks.id, id)));
    return { status: finished ? 'done' : 'running', publishedCount };
  });
}

/** The `moments.sync` sweep: follows the open tasks of every tenant, oldest first. */
export async function syncOpenMomentTasks(deps: Deps): Promise<{ synced: number }> {
  const open = await deps.db
    .select({ tenantId: momentTasks.tenantId, id: momentTasks.id })
    .from(momentTasks)
    .where(inArray(momentTasks.status, ['sending', 'running']))
    .orderBy(asc(momentTasks.createdAt))
    .limit(MOMENT_SYNC_BATCH);
  let synced = 0;
  for (const t of open) {
    try {
      await syncMomentTask(withActor(deps, systemActor(t.tenantId)), t.id);
      synced++;
    } catch (error) {
      deps.log.warn({ tenantId: t.tenantId, momentTaskId: t.id, err: error }, 'moments task not synced; retrying next run');
    }
  }
  return { synced };
}
