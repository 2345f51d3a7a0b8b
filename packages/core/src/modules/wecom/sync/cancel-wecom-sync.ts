import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { AppError } from '../../../lib/errors.ts';
import { assertRole } from '../../access/assert-role.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import { loadSyncRun, toSyncRun } from './to-sync-run.ts';
import type { TWecomSyncRun } from './wecom-sync.schemas.ts';

/**
 * Cancels a running sync run. What its committed pages brought in stays; the page in flight is
 * not applied (it commits only over a running run). HQ admins only; audited. CONFLICT when the
 * run is not running.
 * @example
 * await cancelWecomSync(ctx, 3);
 */
export async function cancelWecomSync(ctx: Ctx, id: number): Promise<TWecomSyncRun> {
  assertRole(ctx.actor, ['admin'], 'cancel a WeCom sync');
  const run = await loadSyncRun(ctx, id);
  const [updated] = await dbOf(ctx)
    .update(wecomSyncRuns)
    .set({ status: 'cancelled', finishedAt: ctx.now(), updatedAt: ctx.now() })
    .where(and(eq(wecomSyncRuns.tenantId, ctx.actor.tenantId), eq(wecomSyncRuns.id, id), eq(wecomSyncRuns.status, 'running')))
    .returning();
  if (!updated) throw new AppError('CONFLICT', `WeCom sync run ${id} is ${run.status}, not running: there is nothing to cancel.`);
  await recordAudit(ctx, {
    action: 'wecom.sync.cancel',
    targetType: 'wecom_sync_run',
    targetId: id,
    details: { phase: run.phase },
  });
  return toSyncRun(updated);
}
