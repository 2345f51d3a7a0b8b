import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { customers } from '../customers/customers.tables.ts';
import type { TListRewardsQuery, TRewardGrant } from './rewards.schemas.ts';
import { rewardGrants } from './rewards.tables.ts';

const toGrant = (r: typeof rewardGrants.$inferSelect & { customerName: string | null }): TRewardGrant => ({
  id: r.id,
  customerId: r.customerId,
  customerName: r.customerName,
  kind: r.kind as TRewardGrant['kind'],
  amount: r.amount,
  name: r.name,
  source: r.source as TRewardGrant['source'],
  sourceId: r.sourceId,
  status: r.status as TRewardGrant['status'],
  reason: r.reason,
  reviewedBy: r.reviewedBy,
  createdAt: r.createdAt.toISOString(),
});

/**
 * Rewards granted to the customers in the caller's scope, newest first; filter by status (the
 * review queue is `status=flagged`), source, campaign or customer.
 */
export async function listRewards(ctx: Ctx, query: TListRewardsQuery): Promise<TPage<TRewardGrant>> {
  const where: (SQL | undefined)[] = [
    eq(rewardGrants.tenantId, ctx.actor.tenantId),
    query.status ? eq(rewardGrants.status, query.status) : undefined,
    query.source ? eq(rewardGrants.source, query.source) : undefined,
    query.sourceId ? eq(rewardGrants.sourceId, query.sourceId) : undefined,
    query.customerId ? eq(rewardGrants.customerId, query.customerId) : undefined,
    await customerScopeCondition(ctx, rewardGrants.customerId),
  ];
  const db = dbOf(ctx);
  const [rows, [total]] = await Promise.all([
    db
      .select({ grant: rewardGrants, customerName: customers.name })
      .from(rewardGrants)
      .leftJoin(customers, and(eq(customers.tenantId, rewardGrants.tenantId), eq(customers.id, rewardGrants.customerId)))
      .where(and(...where))
      .orderBy(desc(rewardGrants.id))
      .limit(query.pageSize)
      .offset(pageOffset(query)),
    db
      .select({ n: count() })
      .from(rewardGrants)
      .where(and(...where)),
  ]);
  return {
    items: rows.map((r) => toGrant({ ...r.grant, customerName: r.customerName })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A customer's own rewards, for their H5 page (no data scope: the customer token is the scope). */
export async function listCustomerRewards(ctx: Ctx, customerId: number): Promise<TRewardGrant[]> {
  const rows = await dbOf(ctx)
    .select()
    .from(rewardGrants)
    .where(and(eq(rewardGrants.tenantId, ctx.actor.tenantId), eq(rewardGrants.customerId, customerId)))
    .orderBy(desc(rewardGrants.id))
    .limit(200);
  return rows.map((r) => toGrant({ ...r, customerName: null }));
}
