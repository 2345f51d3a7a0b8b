import { and, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../../context.ts';
import { notFound } from '../../../lib/errors.ts';
import { wecomSyncRuns } from '../wecom.tables.ts';
import type { TSyncCounts } from './sync-rules.ts';
import type { TWecomSyncRun } from './wecom-sync.schemas.ts';

export type TSyncRunRow = typeof wecomSyncRuns.$inferSelect;

/**
 * A run row as the API shows it; `progress` comes from the phase's cursor (`done`/`total`).
 * @example
 * const view = toSyncRun(row);
 */
export function toSyncRun(row: TSyncRunRow): TWecomSyncRun {
  const cursor = row.cursor as { done?: unknown; total?: unknown };
  return {
    id: row.id,
    kind: row.kind as TWecomSyncRun['kind'],
    status: row.status as TWecomSyncRun['status'],
    phase: row.phase,
    progress: {
      done: typeof cursor.done === 'number' ? cursor.done : 0,
      total: typeof cursor.total === 'number' ? cursor.total : null,
    },
    counts: row.counts as TSyncCounts,
    attempts: row.attempts,
    error: row.error,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * The run row of the actor's tenant, or NOT_FOUND.
 * @example
 * const row = await loadSyncRun(ctx, 3);
 */
export async function loadSyncRun(ctx: Ctx, id: number): Promise<TSyncRunRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(wecomSyncRuns)
    .where(and(eq(wecomSyncRuns.tenantId, ctx.actor.tenantId), eq(wecomSyncRuns.id, id)));
  if (!row) throw notFound('WeCom sync run', id);
  return row;
}
