import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import type { TAutomation } from './automations.schemas.ts';
import { automationRuns, automations } from './automations.tables.ts';

export type TAutomationRow = typeof automations.$inferSelect;

/** The tenant's rule (not deleted), or NOT_FOUND. */
export async function requireAutomation(ctx: Ctx, id: number): Promise<TAutomationRow> {
  const [row] = await dbOf(ctx)
    .select()
    .from(automations)
    .where(and(eq(automations.tenantId, ctx.actor.tenantId), eq(automations.id, id), isNull(automations.deletedAt)));
  if (!row) throw notFound('Automation', id);
  return row;
}

/** Rules as the API shows them, with their run counts. */
export async function toAutomations(ctx: Ctx, rows: TAutomationRow[]): Promise<TAutomation[]> {
  const ids = rows.map((r) => r.id);
  const r = automationRuns;
  const since = new Date(ctx.now().getTime() - 86_400_000);
  const counts = ids.length
    ? await dbOf(ctx)
        .select({
          id: r.automationId,
          total: count(),
          recent: sql<number>`count(*) filter (where ${r.status} in ('done', 'waiting', 'matched') and ${r.createdAt} > ${since.toISOString()})`,
        })
        .from(r)
        .where(and(eq(r.tenantId, ctx.actor.tenantId), inArray(r.automationId, ids)))
        .groupBy(r.automationId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    trigger: row.trigger,
    conditions: row.conditions as Record<string, unknown>,
    actions: row.actions,
    loopWindowMinutes: row.loopWindowMinutes,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt?.toISOString() ?? null,
    runCount: Number(byId.get(row.id)?.total ?? 0),
    doneLast24h: Number(byId.get(row.id)?.recent ?? 0),
  }));
}

export async function toAutomation(ctx: Ctx, row: TAutomationRow): Promise<TAutomation> {
  const [one] = await toAutomations(ctx, [row]);
  if (!one) throw notFound('Automation', row.id);
  return one;
}
