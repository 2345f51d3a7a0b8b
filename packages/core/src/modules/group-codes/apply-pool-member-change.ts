import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TDomainEventOf } from '../../events/domain-events.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { rowsOf } from './group-code-access.ts';
import { codeIdOfState } from './group-code-rules.ts';
import { groupCodeGroups, groupCodeJoins, groupCodeSeats, groupCodes } from './group-codes.tables.ts';

export const GROUP_CODE_SYNC_JOB = 'group-codes.sync-ways';

/**
 * Asks for a sync of the code's join ways soon (a group filled up, emptied or was dismissed), in
 * the caller's transaction. One job per code per second at most.
 */
export async function requestWaySync(ctx: Ctx, codeId: number): Promise<void> {
  const slot = Math.floor(ctx.now().getTime() / 1000);
  try {
    await ctx.queue.send(
      GROUP_CODE_SYNC_JOB,
      { tenantId: ctx.actor.tenantId, codeId },
      { tx: dbOf(ctx), id: deterministicJobId(`gc-sync:${ctx.actor.tenantId}:${codeId}:${slot}`) },
    );
  } catch (error) {
    // A process without the group-code jobs registered: the periodic sweep syncs within a minute.
    ctx.log.warn({ codeId, error: error instanceof Error ? error.message : String(error) }, 'group code sync not enqueued');
  }
}

type TPoolRef = { id: number; codeId: number };

async function poolOfGroup(ctx: Ctx, groupId: number): Promise<TPoolRef | null> {
  const [row] = await dbOf(ctx)
    .select({ id: groupCodeGroups.id, codeId: groupCodeGroups.codeId })
    .from(groupCodeGroups)
    .where(and(eq(groupCodeGroups.tenantId, ctx.actor.tenantId), eq(groupCodeGroups.groupId, groupId)));
  return row ?? null;
}

/**
 * A member joined a group (`group.joined`, in the inbox transaction). A pool group counts the
 * member; a join through a code's join way (state `gc<id>`) uses the seat the landing held for the
 * visitor — the customer's own seat when Pond knows them, else the group's oldest — and is recorded
 * for the code's statistics. The pool row is locked first (the order claims and expiries use too),
 * so concurrent joins, claims and expiries never lose an update.
 */
export async function applyPoolJoin(ctx: Ctx, e: TDomainEventOf<'group.joined'>): Promise<void> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const viaCode = codeIdOfState(e.state);
  const [pool] = rowsOf(
    await db.execute(sql`
      select id, code_id from group_code_groups
      where tenant_id = ${tenantId} and group_id = ${e.groupId}
      for update`),
  ).map((r) => ({ id: Number(r.id), codeId: Number(r.code_id) }));
  if (!pool && viaCode === null) return;
  let codeExists = !!pool && pool.codeId === viaCode;
  if (viaCode !== null && !codeExists) {
    const [code] = await db
      .select({ id: groupCodes.id })
      .from(groupCodes)
      .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, viaCode)));
    codeExists = !!code;
  }

  const at = e.at.toISOString();
  let used: { id: number; poolId: number } | null = null;
  if (codeExists && e.customerId !== null) {
    // Almost always in this group's pool row, which we hold. A seat in another group (WeCom put
    // the visitor elsewhere) is taken by the same conditional update, so it is used once.
    const [row] = rowsOf(
      await db.execute(sql`
        update group_code_seats set status = 'joined', settled_at = ${at}::timestamptz
        where tenant_id = ${tenantId} and status = 'reserved' and id = (
          select id from group_code_seats
          where tenant_id = ${tenantId} and code_id = ${viaCode} and customer_id = ${e.customerId} and status = 'reserved'
          order by id desc limit 1
        )
        returning id, pool_id`),
    );
    if (row) used = { id: Number(row.id), poolId: Number(row.pool_id) };
  }
  if (!used && pool && codeExists && viaCode === pool.codeId) {
    const [row] = rowsOf(
      await db.execute(sql`
        update group_code_seats set status = 'joined', settled_at = ${at}::timestamptz
        where tenant_id = ${tenantId} and status = 'reserved' and id = (
          select id from group_code_seats
          where tenant_id = ${tenantId} and pool_id = ${pool.id} and status = 'reserved'
          order by id limit 1
        )
        returning id, pool_id`),
    );
    if (row) used = { id: Number(row.id), poolId: Number(row.pool_id) };
  }

  if (pool) {
    const fromHere = used?.poolId === pool.id ? 1 : 0;
    const [after] = await db
      .update(groupCodeGroups)
      .set({
        members: sql`${groupCodeGroups.members} + 1`,
        reserved: sql`greatest(${groupCodeGroups.reserved} - ${fromHere}, 0)`,
      })
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, pool.id)))
      .returning({ members: groupCodeGroups.members, cap: groupCodeGroups.cap });
    // Full now: it must leave the join ways before WeCom puts anyone else in.
    if (after && after.members >= after.cap) await requestWaySync(ctx, pool.codeId);
  }
  if (used && used.poolId !== pool?.id) {
    await db
      .update(groupCodeGroups)
      .set({ reserved: sql`greatest(${groupCodeGroups.reserved} - 1, 0)` })
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, used.poolId)));
  }
  if (codeExists && viaCode !== null && e.memberType === 'customer') {
    await db.insert(groupCodeJoins).values({
      tenantId,
      codeId: viaCode,
      groupId: e.groupId,
      customerId: e.customerId,
      seatId: used?.id ?? null,
      joinedAt: e.at,
    });
  }
}

/** A member left a pool group (`group.left`): one member fewer; a group with room again may lead a way. */
export async function applyPoolLeave(ctx: Ctx, e: TDomainEventOf<'group.left'>): Promise<void> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const pool = await poolOfGroup(ctx, e.groupId);
  if (pool) {
    const [after] = await db
      .update(groupCodeGroups)
      .set({ members: sql`greatest(${groupCodeGroups.members} - 1, 0)` })
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, pool.id)))
      .returning({ members: groupCodeGroups.members, cap: groupCodeGroups.cap });
    if (after && after.members === after.cap - 1) await requestWaySync(ctx, pool.codeId);
  }
  if (e.customerId !== null) {
    const [joined] = await db
      .select({ id: groupCodeJoins.id })
      .from(groupCodeJoins)
      .where(
        and(
          eq(groupCodeJoins.tenantId, tenantId),
          eq(groupCodeJoins.groupId, e.groupId),
          eq(groupCodeJoins.customerId, e.customerId),
          isNull(groupCodeJoins.leftAt),
        ),
      )
      .orderBy(desc(groupCodeJoins.id))
      .limit(1);
    if (joined) {
      await db
        .update(groupCodeJoins)
        .set({ leftAt: e.at })
        .where(and(eq(groupCodeJoins.tenantId, tenantId), eq(groupCodeJoins.id, joined.id)));
    }
  }
}

/** A pool group was dismissed: it leaves routing and the join ways; its held seats expire. */
export async function applyPoolDismissed(ctx: Ctx, e: TDomainEventOf<'group.dismissed'>): Promise<void> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const pool = await poolOfGroup(ctx, e.groupId);
  if (!pool) return;
  await db
    .select({ id: groupCodeGroups.id })
    .from(groupCodeGroups)
    .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, pool.id)))
    .for('update');
  await db
    .update(groupCodeSeats)
    .set({ status: 'expired', settledAt: e.at })
    .where(and(eq(groupCodeSeats.tenantId, tenantId), eq(groupCodeSeats.poolId, pool.id), eq(groupCodeSeats.status, 'reserved')));
  await db
    .update(groupCodeGroups)
    .set({ status: 'dismissed', reserved: 0, wayId: null })
    .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, pool.id)));
  await requestWaySync(ctx, pool.codeId);
}
