import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { rowsOf } from '../../lib/bulk-sql.ts';
import { pageOffset, type TPage } from '../../lib/paging.ts';
import type { TRecipientStatus } from './broadcast-rules.ts';
import type { TBroadcastRecipient, TListRecipientsQuery } from './broadcasts.schemas.ts';
import { loadBroadcast } from './to-broadcast.ts';

type TRow = {
  recipient_id: number | string;
  name: string | null;
  staff_id: number | string | null;
  staff_name: string | null;
  store_id: number | string | null;
  status: string;
  planned_at: string | Date;
  result_at: string | Date | null;
  total: number | string;
};

const iso = (v: string | Date) => new Date(v).toISOString();
const num = (v: number | string | null) => (v === null ? null : Number(v));

/** A broadcast's recipients by recipient id, filtered by status, store or staff member. */
export async function listBroadcastRecipients(
  ctx: Ctx,
  id: number,
  query: TListRecipientsQuery,
): Promise<TPage<TBroadcastRecipient>> {
  const b = await loadBroadcast(ctx, id, 'see broadcasts');
  const t = ctx.actor.tenantId;
  const nameJoin =
    b.target === 'groups'
      ? sql`left join group_chats n on n.tenant_id = r.tenant_id and n.id = r.recipient_id`
      : sql`left join customers n on n.tenant_id = r.tenant_id and n.id = r.recipient_id`;
  const rows = rowsOf<TRow>(
    await dbOf(ctx).execute(sql`select r.recipient_id, n.name, r.staff_id, st.name as staff_name, r.store_id, r.status,
        r.planned_at, r.result_at, count(*) over () as total
      from broadcast_recipients r
      ${nameJoin}
      left join staff st on st.tenant_id = r.tenant_id and st.id = r.staff_id
      where r.tenant_id = ${t} and r.broadcast_id = ${id}
        ${query.status ? sql`and r.status = ${query.status}` : sql``}
        ${query.storeId ? sql`and r.store_id = ${query.storeId}` : sql``}
        ${query.staffId ? sql`and r.staff_id = ${query.staffId}` : sql``}
      order by r.recipient_id
      limit ${query.pageSize} offset ${pageOffset(query)}`),
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && query.page > 1) {
    const [c] = rowsOf<{ n: number | string }>(
      await dbOf(
        ctx,
      ).execute(sql`select count(*) as n from broadcast_recipients r where r.tenant_id = ${t} and r.broadcast_id = ${id}
        ${query.status ? sql`and r.status = ${query.status}` : sql``}
        ${query.storeId ? sql`and r.store_id = ${query.storeId}` : sql``}
        ${query.staffId ? sql`and r.staff_id = ${query.staffId}` : sql``}`),
    );
    total = Number(c?.n ?? 0);
  }
  return {
    items: rows.map((r) => ({
      recipientId: Number(r.recipient_id),
      name: r.name,
      staffId: num(r.staff_id),
      staffName: r.staff_name,
      storeId: num(r.store_id),
      status: r.status as TRecipientStatus,
      plannedAt: iso(r.planned_at),
      resultAt: r.result_at === null ? null : iso(r.result_at),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
