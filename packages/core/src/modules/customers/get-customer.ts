import { and, asc, count, desc, eq } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { notFound } from '../../lib/errors.ts';
import { pageOffset, type TPage, type TPageQuery } from '../../lib/paging.ts';
import { getGroupsOfCustomer } from '../groups/group-queries.ts';
import { getStaffNames } from '../org/lookups.ts';
import { assertCustomerVisible } from './customer-scope.ts';
import type { TCustomerDetail } from './customers.schemas.ts';
import { customerEvents, customers, follows } from './customers.tables.ts';
import { toCustomerListItems } from './list-customers.ts';

/** One customer with follows, groups and tags; NOT_FOUND outside the actor's scope. */
export async function getCustomer(ctx: Ctx, id: number): Promise<TCustomerDetail> {
  await assertCustomerVisible(ctx, id, { allowDeleted: true });
  const db = dbOf(ctx);
  const [row] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.tenantId, ctx.actor.tenantId), eq(customers.id, id)));
  if (!row) throw notFound('Customer', id);
  const [item] = await toCustomerListItems(ctx, [row]);
  if (!item) throw notFound('Customer', id);
  const followRows = await db
    .select()
    .from(follows)
    .where(and(eq(follows.tenantId, ctx.actor.tenantId), eq(follows.customerId, id)))
    .orderBy(asc(follows.addedAt));
  const names = await getStaffNames(
    ctx,
    followRows.map((f) => f.staffId),
  );
  return {
    ...item,
    externalUserId: row.externalUserId,
    unionId: row.unionId,
    attrs: row.attrs,
    follows: followRows.map((f) => ({
      id: f.id,
      staffId: f.staffId,
      staffName: names.get(f.staffId) ?? '',
      remark: f.remark,
      state: f.state,
      addedAt: f.addedAt.toISOString(),
      deletedAt: f.deletedAt?.toISOString() ?? null,
      deletedBy: f.deletedBy,
      readds: f.readds,
    })),
    groups: await getGroupsOfCustomer(ctx, id),
  };
}

/** The customer's timeline, newest first. */
export async function listCustomerTimeline(ctx: Ctx, id: number, query: TPageQuery) {
  await assertCustomerVisible(ctx, id, { allowDeleted: true });
  const db = dbOf(ctx);
  const where = and(eq(customerEvents.tenantId, ctx.actor.tenantId), eq(customerEvents.customerId, id));
  const [total] = await db.select({ n: count() }).from(customerEvents).where(where);
  const rows = await db
    .select()
    .from(customerEvents)
    .where(where)
    .orderBy(desc(customerEvents.occurredAt), desc(customerEvents.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type,
      occurredAt: r.occurredAt.toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      data: r.data,
    })),
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  } satisfies TPage<unknown>;
}
