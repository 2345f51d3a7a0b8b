import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../../context.ts';
import { isUniqueViolation } from '../../../lib/db-errors.ts';
import { AppError } from '../../../lib/errors.ts';
import { deterministicJobId } from '../../../lib/job-ids.ts';
import { assertRole } from '../../access/assert-role.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { wecomConnections, wecomSyncRuns } from '../wecom.tables.ts';
import { toSyncRun } from './to-sync-run.ts';
import { type TStartWecomSync, type TWecomSyncRun, ZStartWecomSync } from './wecom-sync.schemas.ts';

export const WECOM_SYNC_JOB = 'wecom.sync';

/** The job id of one attempt slot of a run: the same slot is never queued twice. */
export const syncJobId = (tenantId: number, runId: number, slot: string | number) =>
  deterministicJobId(`wecom-sync:${tenantId}:${runId}:${slot}`);

/**
 * Starts an import or a reconcile of the actor's tenant against WeCom: creates the run (phase
 * `staff`) and queues `wecom.sync` in the same transaction. HQ admins only (the system actor too,
 * for the nightly reconcile). CONFLICT when the tenant has no WeCom connection, or when a run is
 * already running (one per tenant: a unique index).
 * @example
 * const run = await startWecomSync(ctx, { kind: 'import' });
 */
export async function startWecomSync(ctx: Ctx, raw: TStartWecomSync): Promise<TWecomSyncRun> {
  assertRole(ctx.actor, ['admin'], 'start a WeCom import or reconcile');
  const input = ZStartWecomSync.parse(raw);
  const tenantId = ctx.actor.tenantId;
  const [conn] = await dbOf(ctx)
    .select({ tenantId: wecomConnections.tenantId })
    .from(wecomConnections)
    .where(eq(wecomConnections.tenantId, tenantId));
  if (!conn)
    throw new AppError(
      'CONFLICT',
      'There is no WeCom connection to sync from. Fill in and save the WeCom page (corp id, 客户联系 secret, callback Token and EncodingAESKey) first.',
    );
  try {
    const row = await inTransaction(ctx, async (tctx) => {
      const [inserted] = await dbOf(tctx)
        .insert(wecomSyncRuns)
        .values({
          tenantId,
          kind: input.kind,
          status: 'running',
          phase: 'staff',
          cursor: {},
          counts: {},
          startedBy: ctx.actor.accountId,
          startedAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .returning();
      if (!inserted) throw new Error('sync run not inserted');
      await ctx.queue.send(
        WECOM_SYNC_JOB,
        { tenantId, runId: inserted.id },
        { tx: dbOf(tctx), id: syncJobId(tenantId, inserted.id, 'start') },
      );
      if (ctx.actor.accountId !== null) {
        await recordAudit(tctx, {
          action: `wecom.sync.${input.kind}`,
          targetType: 'wecom_sync_run',
          targetId: inserted.id,
          details: { kind: input.kind },
        });
      }
      return inserted;
    });
    return toSyncRun(row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [running] = await dbOf(ctx)
      .select({ id: wecomSyncRuns.id, kind: wecomSyncRuns.kind, phase: wecomSyncRuns.phase })
      .from(wecomSyncRuns)
      .where(and(eq(wecomSyncRuns.tenantId, tenantId), eq(wecomSyncRuns.status, 'running')));
    throw new AppError(
      'CONFLICT',
      `A WeCom ${running?.kind ?? 'sync'} (run ${running?.id ?? '?'}, phase ${running?.phase ?? '?'}) is already running. Wait for it to finish, or cancel it, then start again.`,
      { runId: running?.id ?? null },
    );
  }
}
