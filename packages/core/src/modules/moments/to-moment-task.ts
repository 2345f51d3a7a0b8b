import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { TMomentTask } from './moments.schemas.ts';
import { momentTasks } from './moments.tables.ts';

export type TMomentTaskRow = typeof momentTasks.$inferSelect;

export const toMomentTask = (r: TMomentTaskRow): TMomentTask => ({
  id: r.id,
  title: r.title,
  content: r.content,
  targetKind: r.targetKind as TMomentTask['targetKind'],
  storeIds: r.targetStoreIds,
  staffIds: r.targetStaffIds,
  status: r.status as TMomentTask['status'],
  momentId: r.momentId,
  staffCount: r.staffCount,
  publishedCount: r.publishedCount,
  error: r.error,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
  lastSyncedAt: r.lastSyncedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function loadMomentTaskRow(ctx: Ctx, id: number): Promise<TMomentTaskRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(momentTasks)
    .where(and(eq(momentTasks.tenantId, ctx.actor.tenantId), eq(momentTasks.id, id)));
  if (!row) throw notFound('Moments task', id);
  return row;
}
