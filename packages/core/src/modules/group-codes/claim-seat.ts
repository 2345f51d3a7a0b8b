import { sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { rowsOf } from './group-code-access.ts';
import type { TGroupCodeRule } from './group-code-rules.ts';

/**
 * How long a seat is kept for a visitor who saw the QR but has not joined yet. Long enough to
 * long-press a QR; short, because a held seat is a seat nobody else gets.
 */
export const SEAT_TTL_MS = 5 * 60_000;

export type TClaimedSeat = {
  seatId: number;
  poolId: number;
  groupId: number;
  chatId: string;
  wayId: number | null;
  qrCode: string | null;
  // The channel's id of that join way (what a simulated scan scans).
  configId: string | null;
  members: number;
  cap: number;
  expiresAt: Date;
};

const num = (v: unknown) => Number(v);

function toSeat(r: Record<string, unknown>, expiresAt: Date): TClaimedSeat {
  return {
    seatId: num(r.seat_id),
    poolId: num(r.pool_id),
    groupId: num(r.group_id),
    chatId: String(r.chat_id),
    wayId: r.way_id === null || r.way_id === undefined ? null : num(r.way_id),
    qrCode: typeof r.qr_code === 'string' ? r.qr_code : null,
    configId: typeof r.config_id === 'string' ? r.config_id : null,
    members: num(r.members),
    cap: num(r.cap),
    expiresAt,
  };
}

/**
 * Claims one seat in the code's pool, in ONE statement: pick the rule's first group that heads a
 * join way and has `members + reserved < cap`, lock it, add one to `reserved` with the same
 * condition in the WHERE, and insert the seat. Concurrent claims serialize on the group's row, and
 * the condition is re-checked on the row version each one locks, so no group passes its cap.
 * `skipLocked` lets a burst spread over the groups whose rows are free instead of queueing on one;
 * a claim that finds nothing that way tries again waiting for the locks. Returns null when no group
 * could take the visitor. Runs outside any transaction (its own statement is atomic).
 * @example
 * const seat = await claimSeat(ctx, { codeId: 3, rule: 'fill_in_order', customerId: null, visitorKey: 'v_x8…', skipLocked: true });
 */
export async function claimSeat(
  ctx: Ctx,
  input: {
    codeId: number;
    rule: TGroupCodeRule;
    customerId: number | null;
    visitorKey: string | null;
    skipLocked: boolean;
  },
): Promise<TClaimedSeat | null> {
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + SEAT_TTL_MS);
  const order =
    input.rule === 'least_full' ? sql.raw('(members + reserved) asc, position asc, id asc') : sql.raw('position asc, id asc');
  const lock = sql.raw(input.skipLocked ? 'for update skip locked' : 'for update');
  const query = sql`
    with pick as (
      select id from group_code_groups
      where tenant_id = ${tenantId} and code_id = ${input.codeId} and status = 'active'
        and way_id is not null and members + reserved < cap
      order by ${order}
      limit 1
      ${lock}
    ), claimed as (
      update group_code_groups g set reserved = g.reserved + 1
      from pick
      where g.tenant_id = ${tenantId} and g.id = pick.id and g.members + g.reserved < g.cap
      returning g.id, g.group_id, g.chat_id, g.way_id, g.members, g.cap
    ), seat as (
      insert into group_code_seats (tenant_id, code_id, pool_id, group_id, customer_id, visitor_key, status, reserved_at, expires_at)
      select ${tenantId}::bigint, ${input.codeId}::bigint, c.id, c.group_id, ${input.customerId}::bigint, ${input.visitorKey}::text, 'reserved',
        ${now.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
      from claimed c
      returning id, pool_id
    )
    select s.id as seat_id, c.id as pool_id, c.group_id, c.chat_id, c.way_id, c.members, c.cap, w.qr_code, w.config_id
    from claimed c
    join seat s on s.pool_id = c.id
    left join group_code_ways w on w.tenant_id = ${tenantId} and w.id = c.way_id and w.deleted_at is null`;
  try {
    const [row] = rowsOf(await dbOf(ctx).execute(query));
    return row ? toSeat(row, expiresAt) : null;
  } catch (error) {
    // The same visitor claimed concurrently and got the seat first: the statement rolled back whole.
    if (input.visitorKey && isUniqueViolation(error)) {
      return findLiveSeat(ctx, { codeId: input.codeId, customerId: null, visitorKey: input.visitorKey });
    }
    throw error;
  }
}

/**
 * The visitor's reserved seat, if they already have one (a reload of the landing, or the customer
 * opening it again): its time is extended and it is handed back, so a reload costs no new seat.
 */
export async function findLiveSeat(
  ctx: Ctx,
  input: { codeId: number; customerId: number | null; visitorKey: string | null },
): Promise<TClaimedSeat | null> {
  if (!input.visitorKey && input.customerId === null) return null;
  const tenantId = ctx.actor.tenantId;
  const expiresAt = new Date(ctx.now().getTime() + SEAT_TTL_MS);
  const who = input.visitorKey ? sql`s.visitor_key = ${input.visitorKey}` : sql`s.customer_id = ${input.customerId}::bigint`;
  const [row] = rowsOf(
    await dbOf(ctx).execute(sql`
      with seat as (
        update group_code_seats s set expires_at = ${expiresAt.toISOString()}::timestamptz
        where s.id = (
          select s.id from group_code_seats s
          where s.tenant_id = ${tenantId} and s.code_id = ${input.codeId} and s.status = 'reserved' and ${who}
          order by s.id desc limit 1
        ) and s.tenant_id = ${tenantId} and s.status = 'reserved'
        returning s.id, s.pool_id
      )
      select s.id as seat_id, g.id as pool_id, g.group_id, g.chat_id, g.way_id, g.members, g.cap, w.qr_code, w.config_id
      from seat s
      join group_code_groups g on g.tenant_id = ${tenantId} and g.id = s.pool_id and g.status = 'active'
      left join group_code_ways w on w.tenant_id = ${tenantId} and w.id = g.way_id and w.deleted_at is null`),
  );
  return row ? toSeat(row, expiresAt) : null;
}

/**
 * Whether any group of the pool could take a visitor now: `headed` counts groups that lead a join
 * way (routable at once), `any` every active group with a seat.
 */
export async function poolSeats(ctx: Ctx, codeId: number): Promise<{ headed: boolean; any: boolean }> {
  const [row] = rowsOf(
    await dbOf(ctx).execute(sql`
      select bool_or(way_id is not null) as headed, count(*) > 0 as any
      from group_code_groups
      where tenant_id = ${ctx.actor.tenantId} and code_id = ${codeId} and status = 'active' and members + reserved < cap`),
  );
  return { headed: row?.headed === true, any: row?.any === true };
}
