import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Ctx, dbOf } from '../../context.ts';
import { customerScopeCondition } from '../customers/customer-scope.ts';
import { customers } from '../customers/customers.tables.ts';
import type { TAudienceContext, TAudienceCustomer } from './evaluate-audience.ts';

type TRow = {
  id: string;
  deleted: boolean;
  store_id: string | null;
  attrs: Record<string, string | number | boolean | null>;
  added_at: string | null;
  staff_ids: string[] | null;
  tag_ids: string[] | null;
  group_ids: string[] | null;
  order_count: number | string | null;
  total_spent: number | string | null;
  last_order_at: string | null;
};

/**
 * Loads the customers the actor may see (deleted ones too — the evaluator drops them unless asked)
 * as plain snapshots for the reference evaluator, with the tag → group map. Slow by design: it is
 * the naive path the fast engine is checked against, and the way to evaluate a handful of
 * customers (`customerIds`). Pass `customerIds: []` for none.
 * @example
 * const { customers, context } = await loadAudienceCustomers(ctx, { customerIds: [42] });
 */
export async function loadAudienceCustomers(
  ctx: Ctx,
  options: { customerIds?: readonly number[] } = {},
): Promise<{ customers: TAudienceCustomer[]; context: TAudienceContext }> {
  const t = ctx.actor.tenantId;
  const db = dbOf(ctx);
  // The scope condition must name the aliased table of the query below.
  const scope = await customerScopeCondition(ctx, alias(customers, 'c').id);
  const only =
    options.customerIds === undefined
      ? sql`true`
      : options.customerIds.length === 0
        ? sql`false`
        : sql`c.id in (${sql.join(
            options.customerIds.map((id) => sql`${id}`),
            sql`, `,
          )})`;
  const res = await db.execute(sql`
    select c.id::text as id, (c.deleted_at is not null) as deleted, c.store_id::text as store_id, c.attrs,
      (select min(f.added_at) from follows f where f.tenant_id = ${t} and f.customer_id = c.id) as added_at,
      (select array_agg(f.staff_id::text) from follows f where f.tenant_id = ${t} and f.customer_id = c.id and f.deleted_at is null) as staff_ids,
      (select array_agg(ct.tag_id::text) from customer_tags ct where ct.tenant_id = ${t} and ct.customer_id = c.id) as tag_ids,
      (select array_agg(distinct gm.group_id::text) from group_members gm where gm.tenant_id = ${t} and gm.customer_id = c.id and gm.left_at is null) as group_ids,
      (select count(*) from orders o where o.tenant_id = ${t} and o.customer_id = c.id and o.status = 'paid') as order_count,
      (select coalesce(sum(o.amount_cents), 0) from orders o where o.tenant_id = ${t} and o.customer_id = c.id and o.status = 'paid') as total_spent,
      (select max(o.paid_at) from orders o where o.tenant_id = ${t} and o.customer_id = c.id and o.status = 'paid') as last_order_at
    from customers c
    where c.tenant_id = ${t} and ${only} and ${scope ?? sql`true`}
    order by c.id`);
  const rows = (res as unknown as { rows: TRow[] }).rows;
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  const list: TAudienceCustomer[] = rows.map((r) => ({
    id: String(r.id),
    deleted: Boolean(r.deleted),
    storeId: r.store_id,
    staffIds: r.staff_ids ?? [],
    tagIds: r.tag_ids ?? [],
    groupIds: r.group_ids ?? [],
    addedAt: iso(r.added_at),
    attrs: r.attrs ?? {},
    orderCount: Number(r.order_count ?? 0),
    totalSpentCents: Number(r.total_spent ?? 0),
    lastOrderAt: iso(r.last_order_at),
  }));
  const tags = await db.execute(sql`select id::text as id, group_id::text as group_id from tags where tenant_id = ${t}`);
  const tagGroupOf = new Map(
    (tags as unknown as { rows: { id: string; group_id: string }[] }).rows.map((r) => [r.id, r.group_id]),
  );
  return { customers: list, context: { tagGroupOf } };
}
