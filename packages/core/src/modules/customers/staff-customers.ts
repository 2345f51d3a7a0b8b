import { and, count, desc, eq, ilike, inArray, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TPage } from '../../lib/paging.ts';
import type { TCustomerListItem } from './customers.schemas.ts';
import { customers, follows } from './customers.tables.ts';
import { toCustomerListItems } from './list-customers.ts';

// Published functions of the customers module for the guide workbench: one staff member's
// customers (in relation now), searched the way a guide remembers them, and their follow numbers.

export type TStaffCustomer = TCustomerListItem & { remark: string | null; addedAt: string };

/**
 * The customers in relation with `staffId`, newest add first, matching `q` by name, the staff
 * member's remark, the full phone number, or its last 4 digits (phones are sealed, so the last 4
 * are compared after opening this staff member's customers' phones — a few thousand at most).
 * The caller checks the actor may act for `staffId`.
 * @example
 * const page = await searchStaffCustomers(ctx, { staffId: 7, q: '5678', page: 1, pageSize: 20 });
 */
export async function searchStaffCustomers(
  ctx: Ctx,
  input: { staffId: number; q?: string; page: number; pageSize: number },
): Promise<TPage<TStaffCustomer>> {
  const t = ctx.actor.tenantId;
  const db = dbOf(ctx);
  const base: SQL[] = [
    eq(follows.tenantId, t),
    eq(follows.staffId, input.staffId),
    isNull(follows.deletedAt),
    isNull(customers.deletedAt),
  ];
  const q = input.q?.trim();
  if (q) {
    const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
    const byText: SQL[] = [ilike(customers.name, like), ilike(follows.remark, like)];
    if (/^1[3-9]\d{9}$/.test(q)) byText.push(eq(customers.phoneHash, ctx.sealer.blindIndex(q)));
    if (/^\d{4}$/.test(q)) {
      const sealed = await db
        .select({ id: customers.id, phoneEnc: customers.phoneEnc })
        .from(follows)
        .innerJoin(customers, and(eq(customers.tenantId, follows.tenantId), eq(customers.id, follows.customerId)))
        .where(and(...base, isNotNull(customers.phoneEnc)));
      const ids = sealed.flatMap((r) => {
        try {
          return r.phoneEnc && ctx.sealer.open(r.phoneEnc).endsWith(q) ? [r.id] : [];
        } catch {
          return [];
        }
      });
      if (ids.length) byText.push(inArray(customers.id, ids));
    }
    const matched = or(...byText);
    if (matched) base.push(matched);
  }
  const join = and(eq(customers.tenantId, follows.tenantId), eq(customers.id, follows.customerId));
  const [total] = await db
    .select({ n: count() })
    .from(follows)
    .innerJoin(customers, join)
    .where(and(...base));
  const rows = await db
    .select({ c: customers, remark: follows.remark, addedAt: follows.addedAt })
    .from(follows)
    .innerJoin(customers, join)
    .where(and(...base))
    .orderBy(desc(follows.addedAt), desc(customers.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items = await toCustomerListItems(
    ctx,
    rows.map((r) => r.c),
  );
  return {
    items: items.map((item, i) => ({
      ...item,
      remark: rows[i]?.remark ?? null,
      addedAt: rows[i]?.addedAt.toISOString() ?? item.createdAt,
    })),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

/**
 * A staff member's follow numbers: customers in relation now, and follows added / ended in
 * [from, to) (ended: by the customer or by the staff member).
 */
export async function countStaffFollows(
  ctx: Ctx,
  input: { staffId: number; from: Date; to: Date },
): Promise<{ active: number; added: number; deleted: number }> {
  const f = follows;
  const from = input.from.toISOString();
  const to = input.to.toISOString();
  const [row] = await dbOf(ctx)
    .select({
      active: sql<string>`count(*) filter (where ${f.deletedAt} is null)`,
      added: sql<string>`count(*) filter (where ${f.addedAt} >= ${from}::timestamptz and ${f.addedAt} < ${to}::timestamptz)`,
      deleted: sql<string>`count(*) filter (where ${f.deletedAt} >= ${from}::timestamptz and ${f.deletedAt} < ${to}::timestamptz and ${f.deletedBy} in ('customer', 'staff'))`,
    })
    .from(f)
    .where(and(eq(f.tenantId, ctx.actor.tenantId), eq(f.staffId, input.staffId)));
  return { active: Number(row?.active ?? 0), added: Number(row?.added ?? 0), deleted: Number(row?.deleted ?? 0) };
}
