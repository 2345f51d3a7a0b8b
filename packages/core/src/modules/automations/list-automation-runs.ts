import { and, count, desc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { assertRole, TENANT_WIDE } from '../access/assert-role.ts';
import { getCustomerNames } from '../customers/customer-lookups.ts';
import { requireAutomation } from './automation-queries.ts';
import type { TAutomationRun, TListRunsQuery, TRunStatus } from './automations.schemas.ts';
import { automationRuns } from './automations.tables.ts';

/** A rule's runs, newest first, optionally of one status or one customer. Operators only. */
export async function listAutomationRuns(ctx: Ctx, automationId: number, query: TListRunsQuery): Promise<TPage<TAutomationRun>> {
  assertRole(ctx.actor, TENANT_WIDE, 'see automation runs');
  await requireAutomation(ctx, automationId);
  const r = automationRuns;
  const where = and(
    eq(r.tenantId, ctx.actor.tenantId),
    eq(r.automationId, automationId),
    query.status ? eq(r.status, query.status) : undefined,
    query.customerId ? eq(r.customerId, query.customerId) : undefined,
  );
  const db = dbOf(ctx);
  const [total] = await db.select({ n: count() }).from(r).where(where);
  const rows = await db.select().from(r).where(where).orderBy(desc(r.id)).limit(query.pageSize).offset(pageOffset(query));
  const names = await getCustomerNames(
    ctx,
    rows.map((x) => x.customerId),
  );
  return {
    items: rows.map((x) => ({
      id: x.id,
      automationId: x.automationId,
      customerId: x.customerId,
      customerName: names.get(x.customerId) ?? null,
      eventKey: x.eventKey,
      eventType: x.eventType,
      event: x.event,
      status: x.status as TRunStatus,
      reason: x.reason,
      actionsDone: x.actionsDone,
      results: x.results,
      resumeAt: x.resumeAt?.toISOString() ?? null,
      createdAt: x.createdAt.toISOString(),
      finishedAt: x.finishedAt?.toISOString() ?? null,
    })),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}
