import type { DbLike } from '@pond/db';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../lib/bulk-sql.ts';

// Set-based SQL shared by planning and preview. Planning a million recipients cannot go through
// per-customer lookups, so these read the customers module's follows/customers and the org's staff
// directly, read-only, the way the module's own set-based functions would (ADR 002 allows SQL
// condition builders; these are the bulk equivalent of customers/serving-staff.ts).

/** A bigint[] parameter: one text literal, so a million ids are one parameter, not a million. */
export const bigintArray = (ids: readonly number[]): SQL => sql`${`{${ids.join(',')}}`}::bigint[]`;
/** A boolean[] parameter. */
export const boolArray = (values: readonly boolean[]): SQL =>
  sql`${`{${values.map((v) => (v ? 't' : 'f')).join(',')}}`}::boolean[]`;

/** Above this many members the serving staff of the whole tenant is read (one scan beats an index probe per id). */
const WHOLE_TENANT_ABOVE = 20_000;

/**
 * Fills the transaction's temp table `bc_serving(id, staff_id, external_id, store_id)`: per
 * customer of `ids`, the staff member of their most recent current follow (as getServingStaff),
 * their external_userid and the store (the staff member's, else the customer's). Customers with no
 * current follow or no WeCom id are absent — not friends. Must run inside a transaction.
 */
export async function fillServingCustomers(tx: DbLike, tenantId: number, ids: readonly number[]): Promise<number> {
  const filter = ids.length > WHOLE_TENANT_ABOVE ? sql`` : sql`and f.customer_id = any(${bigintArray(ids)})`;
  await tx.execute(sql`drop table if exists bc_serving`);
  await tx.execute(sql`create temp table bc_serving on commit drop as
    select distinct on (f.customer_id) f.customer_id as id, f.staff_id, c.external_user_id as external_id,
      coalesce(st.store_id, c.store_id) as store_id
    from follows f
    join customers c on c.tenant_id = f.tenant_id and c.id = f.customer_id
    join staff st on st.tenant_id = f.tenant_id and st.id = f.staff_id
    where f.tenant_id = ${tenantId} and f.deleted_at is null and c.deleted_at is null
      and c.external_user_id is not null ${filter}
    order by f.customer_id, f.added_at desc, f.staff_id`);
  await tx.execute(sql`analyze bc_serving`);
  const [row] = rowsOf<{ n: number | string }>(await tx.execute(sql`select count(*) as n from bc_serving`));
  return Number(row?.n ?? 0);
}

/** The same temp table for groups: active groups of `ids` with their owner, chat id and store. */
export async function fillServingGroups(tx: DbLike, tenantId: number, ids: readonly number[]): Promise<number> {
  await tx.execute(sql`drop table if exists bc_serving`);
  await tx.execute(sql`create temp table bc_serving on commit drop as
    select g.id, g.owner_staff_id as staff_id, g.external_chat_id as external_id, g.store_id
    from group_chats g
    where g.tenant_id = ${tenantId} and g.status = 'active' and g.owner_staff_id is not null
      and g.id = any(${bigintArray(ids)})`);
  const [row] = rowsOf<{ n: number | string }>(await tx.execute(sql`select count(*) as n from bc_serving`));
  return Number(row?.n ?? 0);
}

/** Active groups matching any of the filter's group ids, stores or kinds, ascending. */
export async function selectGroups(
  db: DbLike,
  tenantId: number,
  filter: { groupIds: number[]; storeIds: number[]; kinds: string[] },
): Promise<number[]> {
  const kinds = `{${filter.kinds.map((k) => `"${k.replace(/["\\]/g, '')}"`).join(',')}}`;
  const rows = rowsOf<{ id: number | string }>(
    await db.execute(sql`select g.id from group_chats g
      where g.tenant_id = ${tenantId} and g.status = 'active'
        and (g.id = any(${bigintArray(filter.groupIds)}) or g.store_id = any(${bigintArray(filter.storeIds)})
             or g.kind = any(${kinds}::text[]))
      order by g.id`),
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Per customer with sends from other customer broadcasts (queued or sent) since `weekAgo`: how
 * many in the last week and in the last day. Customers without any are absent.
 */
export async function recentSendCounts(
  db: DbLike,
  tenantId: number,
  broadcastId: number,
  now: Date,
): Promise<Map<number, { lastDay: number; lastWeek: number }>> {
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
  const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
  const rows = rowsOf<{ id: number | string; day: number | string; week: number | string }>(
    await db.execute(sql`select r.recipient_id as id,
        count(*) filter (where r.planned_at > ${dayAgo.toISOString()}) as day, count(*) as week
      from broadcast_recipients r
      where r.tenant_id = ${tenantId} and r.status in ('queued', 'sent')
        and r.planned_at > ${weekAgo.toISOString()} and r.planned_at <= ${now.toISOString()}
        and r.broadcast_id in (select b.id from broadcasts b
          where b.tenant_id = ${tenantId} and b.target = 'customers' and b.id <> ${broadcastId}
            and b.recipients_at > ${weekAgo.toISOString()} and b.recipients_at <= ${now.toISOString()})
      group by r.recipient_id`),
  );
  return new Map(rows.map((r) => [Number(r.id), { lastDay: Number(r.day), lastWeek: Number(r.week) }]));
}
