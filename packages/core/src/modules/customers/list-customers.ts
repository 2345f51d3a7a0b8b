import { and, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { maskPhone } from '../../lib/crypto.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import { getOrderStats } from '../orders/order-queries.ts';
import { getStaffNames, getUnitNames } from '../org/lookups.ts';
import { getTagsOfCustomers, hasAllTagsCondition } from '../tags/tag-queries.ts';
import { customerScopeCondition } from './customer-scope.ts';
import type { TCustomerListItem, TListCustomersQuery } from './customers.schemas.ts';
import { customers, follows } from './customers.tables.ts';

type TFilter = Omit<TListCustomersQuery, 'page' | 'pageSize'>;

/** The WHERE of a customer list or export: tenant, data scope, and the filters. */
export async function customerFilterConditions(ctx: Ctx, filter: TFilter): Promise<SQL[]> {
  const t = ctx.actor.tenantId;
  const where: (SQL | undefined)[] = [eq(customers.tenantId, t), await customerScopeCondition(ctx, customers.id)];
  if (!filter.includeDeleted) where.push(isNull(customers.deletedAt));
  if (filter.storeId) where.push(eq(customers.storeId, filter.storeId));
  if (filter.tagIds?.length) where.push(hasAllTagsCondition(t, customers.id, filter.tagIds));
  if (filter.staffId) {
    where.push(
      sql`exists (select 1 from ${follows} where ${follows.tenantId} = ${t} and ${follows.customerId} = ${customers.id} and ${follows.staffId} = ${filter.staffId} and ${follows.deletedAt} is null)`,
    );
  }
  if (filter.q) {
    const q = filter.q;
    const byText = [ilike(customers.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`), eq(customers.externalUserId, q)];
    if (/^1[3-9]\d{9}$/.test(q)) byText.push(eq(customers.phoneHash, ctx.sealer.blindIndex(q)));
    if (/^\d{1,15}$/.test(q)) byText.push(eq(customers.id, Number(q)));
    where.push(or(...byText));
  }
  return where.filter((w): w is SQL => w !== undefined);
}

/** Decrypts a stored phone for display: masked for guides (they see only their own customers anyway). */
export function displayPhone(ctx: Ctx, phoneEnc: string | null): string | null {
  if (!phoneEnc) return null;
  let phone: string;
  try {
    phone = ctx.sealer.open(phoneEnc);
  } catch {
    // Encrypted with another secret: show that it exists without breaking the page.
    return '***********';
  }
  return ctx.actor.role === 'guide' ? maskPhone(phone) : phone;
}

/** Turns customer rows into list items, with names, tags, staff and order stats in a few queries. */
export async function toCustomerListItems(ctx: Ctx, rows: (typeof customers.$inferSelect)[]): Promise<TCustomerListItem[]> {
  const ids = rows.map((r) => r.id);
  const followRows = ids.length
    ? await dbOf(ctx)
        .select({ customerId: follows.customerId, staffId: follows.staffId })
        .from(follows)
        .where(and(eq(follows.tenantId, ctx.actor.tenantId), inArray(follows.customerId, ids), isNull(follows.deletedAt)))
    : [];
  const [tagsOf, stats, staffNames, storeNames] = await Promise.all([
    getTagsOfCustomers(ctx, ids),
    getOrderStats(ctx, ids),
    getStaffNames(
      ctx,
      followRows.map((f) => f.staffId),
    ),
    getUnitNames(
      ctx,
      rows.flatMap((r) => (r.storeId ? [r.storeId] : [])),
    ),
  ]);
  return rows.map((r) => {
    const s = stats.get(r.id);
    return {
      id: r.id,
      name: r.name,
      avatar: r.avatar,
      gender: r.gender,
      phone: displayPhone(ctx, r.phoneEnc),
      storeId: r.storeId,
      storeName: r.storeId ? (storeNames.get(r.storeId) ?? null) : null,
      source: r.source,
      tags: tagsOf.get(r.id) ?? [],
      staff: followRows
        .filter((f) => f.customerId === r.id)
        .map((f) => ({ id: f.staffId, name: staffNames.get(f.staffId) ?? '' })),
      orderCount: s?.orderCount ?? 0,
      totalSpentCents: s?.totalSpentCents ?? 0,
      lastOrderAt: s?.lastOrderAt ?? null,
      createdAt: r.createdAt.toISOString(),
      deletedAt: r.deletedAt?.toISOString() ?? null,
    };
  });
}

/**
 * Customers visible to the actor, filtered by text (name, phone, external id, id), tags (all of),
 * store and staff; newest first.
 * @example
 * const page = await listCustomers(ctx, { page: 1, pageSize: 20, tagIds: [3, 7] });
 */
export async function listCustomers(ctx: Ctx, query: TListCustomersQuery): Promise<TPage<TCustomerListItem>> {
  const where = await customerFilterConditions(ctx, query);
  const db = dbOf(ctx);
  const [total] = await db
    .select({ n: count() })
    .from(customers)
    .where(and(...where));
  const rows = await db
    .select()
    .from(customers)
    .where(and(...where))
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(query.pageSize)
    .offset(pageOffset(query));
  return { items: await toCustomerListItems(ctx, rows), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
