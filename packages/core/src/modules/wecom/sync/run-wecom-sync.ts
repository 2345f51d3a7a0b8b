import { and, eq } from 'drizzle-orm';
import { type Ctx, type Deps, dbOf, inTransaction, systemActor, withActor } from '../../../context.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import { syncCustomersPhase } from './sync-customers-phase.ts';
import { syncGroupsPhase } from './sync-groups-phase.ts';
import type { TSyncPage, TSyncPhaseStep } from './sync-page.ts';
import { addCounts, type TSyncCounts, type TSyncPhase } from './sync-rules.ts';
import { syncStaffPhase } from './sync-staff-phase.ts';
import { syncTagsPhase } from './sync-tags-phase.ts';
import { loadSyncRun, type TSyncRunRow, toSyncRun } from './to-sync-run.ts';
import type { TWecomSyncRun } from './wecom-sync.schemas.ts';
import { type TWecomSyncApi, wecomSyncApiFor } from './wecom-sync-api.ts';

const PHASES: Record<Exclude<TSyncPhase, 'done'>, TSyncPhaseStep> = {
  staff: syncStaffPhase,
  tags: syncTagsPhase,
  customers: syncCustomersPhase,
  groups: syncGroupsPhase,
};

// Each committed page bumps `seq` in the cursor: a page commits only over the cursor it was read
// from, so two workers on one run (a slow job and the sweep's) never apply or count a page twice.
const seqOf = (cursor: Record<string, unknown>) => (typeof cursor.seq === 'number' ? cursor.seq : 0);

/** Applies a page and moves the run on, in one transaction; false when the run moved meanwhile. */
async function commitPage(ctx: Ctx, run: TSyncRunRow, page: TSyncPage): Promise<boolean> {
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const where = and(eq(wecomSyncRuns.tenantId, run.tenantId), eq(wecomSyncRuns.id, run.id));
    const [locked] = await db.select().from(wecomSyncRuns).where(where).for('update');
    if (locked?.status !== 'running' || locked.phase !== run.phase || seqOf(locked.cursor) !== seqOf(run.cursor)) return false;
    const pageCounts = await page.apply(tctx);
    const counts: TSyncCounts = addCounts(locked.counts as TSyncCounts, pageCounts);
    const done = page.phase === 'done';
    await db
      .update(wecomSyncRuns)
      .set({
        phase: page.phase,
        cursor: { ...page.cursor, seq: seqOf(locked.cursor) + 1 },
        counts,
        attempts: 0,
        error: null,
        updatedAt: tctx.now(),
        ...(done ? { status: 'done', finishedAt: tctx.now() } : {}),
      })
      .where(where);
    return true;
  });
}

/**
 * Runs (or resumes) one WeCom sync run to its end: phase by phase, page by page, each page applied
 * with the run's phase/cursor/counts in one transaction, so a crash resumes from the last
 * committed page and counts nothing twice. WeCom is read outside transactions. Returns when the
 * run is done, or no longer running (cancelled, failed, or finished by another worker); throws
 * what WeCom or the database throws (the job decides whether to retry). Runs as the system.
 * @example
 * const run = await runWecomSync(deps, { tenantId: 1, runId: 3 });
 */
export async function runWecomSync(
  deps: Deps,
  input: { tenantId: number; runId: number; api?: TWecomSyncApi },
): Promise<TWecomSyncRun> {
  const ctx = withActor(deps, systemActor(input.tenantId));
  let api = input.api ?? null;
  for (;;) {
    const run = await loadSyncRun(ctx, input.runId);
    if (run.status !== 'running') return toSyncRun(run);
    if (run.phase === 'done') {
      await dbOf(ctx)
        .update(wecomSyncRuns)
        .set({ status: 'done', finishedAt: ctx.now(), updatedAt: ctx.now() })
        .where(and(eq(wecomSyncRuns.tenantId, run.tenantId), eq(wecomSyncRuns.id, run.id), eq(wecomSyncRuns.status, 'running')));
      continue;
    }
    const step = PHASES[run.phase as Exclude<TSyncPhase, 'done'>];
    if (!step) throw new Error(`WeCom sync run ${run.id} is in an unknown phase "${run.phase}"`);
    api ??= await wecomSyncApiFor(ctx);
    const page = await step(ctx, api, run);
    const committed = await commitPage(ctx, run, page);
    if (!committed) deps.log.info({ tenantId: run.tenantId, runId: run.id }, 'wecom sync page skipped: the run moved meanwhile');
  }
}
