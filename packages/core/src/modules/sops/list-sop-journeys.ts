import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole } from '../access/assert-role.ts';
import type { TListSopDefinitionsQuery, TSopJourney } from './sops.schemas.ts';
import { sopJourneys } from './sops.tables.ts';
import { countEnrollments, loadJourneySteps, toSopJourney } from './to-sop-journey.ts';

/** Journeys of the tenant, newest first, with steps and enrolment counts. */
export async function listSopJourneys(ctx: Ctx, query: TListSopDefinitionsQuery): Promise<TPage<TSopJourney>> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager'], 'view SOP journeys');
  const where: SQL[] = [eq(sopJourneys.tenantId, ctx.actor.tenantId)];
  if (query.status) where.push(eq(sopJourneys.status, query.status));
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(sopJourneys)
    .where(and(...where));
  const rows = await db
    .select()
    .from(sopJourneys)
    .where(and(...where))
    .orderBy(desc(sopJourneys.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  const ids = rows.map((r) => r.id);
  const [steps, counts] = await Promise.all([loadJourneySteps(ctx, ids), countEnrollments(ctx, ids)]);
  return {
    items: rows.map((r) => toSopJourney(r, steps.get(r.id) ?? [], counts.get(r.id) ?? 0)),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}
