import { and, asc, count, eq, gte, lte } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { planStepScope } from './sop-scope.ts';
import type { TListSopPlansQuery, TSopPlanStep } from './sops.schemas.ts';
import { sopPlanSteps } from './sops.tables.ts';
import { toPlanSteps } from './to-plan-steps.ts';

/**
 * Plan steps in the actor's scope, by due time (then id), filtered by plan, target, status,
 * store, staff and plan dates (`from`..`to`, Shanghai dates, inclusive).
 */
export async function listSopPlans(ctx: Ctx, query: TListSopPlansQuery): Promise<TPage<TSopPlanStep>> {
  const where = planStepScope(ctx);
  if (query.planKind) where.push(eq(sopPlanSteps.planKind, query.planKind));
  if (query.planId) where.push(eq(sopPlanSteps.planId, query.planId));
  if (query.targetKind) where.push(eq(sopPlanSteps.targetKind, query.targetKind));
  if (query.targetId) where.push(eq(sopPlanSteps.targetId, query.targetId));
  if (query.status) where.push(eq(sopPlanSteps.status, query.status));
  if (query.storeId) where.push(eq(sopPlanSteps.storeId, query.storeId));
  if (query.staffId) where.push(eq(sopPlanSteps.staffId, query.staffId));
  if (query.from) where.push(gte(sopPlanSteps.planDate, query.from));
  if (query.to) where.push(lte(sopPlanSteps.planDate, query.to));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(sopPlanSteps)
    .where(and(...where));
  const rows = await db
    .select()
    .from(sopPlanSteps)
    .where(and(...where))
    .orderBy(asc(sopPlanSteps.dueAt), asc(sopPlanSteps.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toPlanSteps(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
