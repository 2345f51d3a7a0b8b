import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { type Ctx, type Deps, systemActor, withActor } from '../../context.ts';
import { deterministicJobId } from '../../lib/job-ids.ts';
import { getGroupRefsByIds } from '../groups/group-refs.ts';
import { GROUP_CODE_SYNC_JOB } from './apply-pool-member-change.ts';
import { groupCodeGroups, groupCodeSeats, groupCodes } from './group-codes.tables.ts';

/**
 * Releases the seats of one pool group whose time ran out, with its `reserved` counter, under the
 * group's row lock (the order every seat change uses). Returns how many expired.
 */
export async function expireSeatsOfGroup(ctx: Ctx, poolId: number): Promise<number> {
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await tx
      .select({ id: groupCodeGroups.id })
      .from(groupCodeGroups)
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, poolId)))
      .for('update');
    const expired = await tx
      .update(groupCodeSeats)
      .set({ status: 'expired', settledAt: now })
      .where(
        and(
          eq(groupCodeSeats.tenantId, tenantId),
          eq(groupCodeSeats.poolId, poolId),
          eq(groupCodeSeats.status, 'reserved'),
          lt(groupCodeSeats.expiresAt, now),
        ),
      )
      .returning({ id: groupCodeSeats.id });
    if (expired.length) {
      await tx
        .update(groupCodeGroups)
        .set({ reserved: sql`greatest(${groupCodeGroups.reserved} - ${expired.length}, 0)` })
        .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, poolId)));
    }
    return expired.length;
  });
}

/**
 * Sets a pool group's counters to the truth: `members` to the group's member count as the groups
 * module keeps it, `reserved` to its live seats, `cap` to the lower of the code's and the group's
 * caps. Under the row lock, and reading the count after taking it, so a join applied meanwhile is
 * either already in the count or adds itself after. Returns whether anything changed.
 */
export async function reconcilePoolGroup(ctx: Ctx, poolId: number): Promise<boolean> {
  const tenantId = ctx.actor.tenantId;
  return ctx.db.transaction(async (tx) => {
    const tctx = { ...ctx, tx };
    const [row] = await tx
      .select()
      .from(groupCodeGroups)
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, poolId)))
      .for('update');
    if (!row) return false;
    const [code] = await tx
      .select({ memberCap: groupCodes.memberCap })
      .from(groupCodes)
      .where(and(eq(groupCodes.tenantId, tenantId), eq(groupCodes.id, row.codeId)));
    const group = (await getGroupRefsByIds(tctx, [row.groupId])).get(row.groupId);
    const [seats] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(groupCodeSeats)
      .where(
        and(eq(groupCodeSeats.tenantId, tenantId), eq(groupCodeSeats.poolId, poolId), eq(groupCodeSeats.status, 'reserved')),
      );
    const next = {
      members: group?.memberCount ?? row.members,
      reserved: Number(seats?.n ?? 0),
      cap: Math.min(code?.memberCap ?? row.cap, group?.memberCap ?? row.cap),
      status: group?.status === 'dismissed' ? 'dismissed' : row.status,
    };
    if (next.members === row.members && next.reserved === row.reserved && next.cap === row.cap && next.status === row.status) {
      return false;
    }
    await tx
      .update(groupCodeGroups)
      .set(next.status === 'dismissed' ? { ...next, wayId: null } : next)
      .where(and(eq(groupCodeGroups.tenantId, tenantId), eq(groupCodeGroups.id, poolId)));
    return true;
  });
}

/**
 * The minute sweep, across tenants as the system: expires seats whose time ran out, reconciles pool
 * counters that drifted from the groups' member counts, and enqueues a join-way sync per active
 * code (a no-op where nothing changed). Each step is bounded.
 */
export async function sweepGroupCodes(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<{ expired: number; reconciled: number; syncs: number }> {
  const limit = options.limit ?? 500;
  const now = deps.now();
  let expired = 0;
  const due = await deps.db
    .selectDistinct({ tenantId: groupCodeSeats.tenantId, poolId: groupCodeSeats.poolId })
    .from(groupCodeSeats)
    .where(and(eq(groupCodeSeats.status, 'reserved'), lt(groupCodeSeats.expiresAt, now)))
    .limit(limit);
  for (const d of due) expired += await expireSeatsOfGroup(withActor(deps, systemActor(d.tenantId)), d.poolId);

  let reconciled = 0;
  const pools = await deps.db
    .select({
      tenantId: groupCodeGroups.tenantId,
      id: groupCodeGroups.id,
      groupId: groupCodeGroups.groupId,
      members: groupCodeGroups.members,
      reserved: groupCodeGroups.reserved,
    })
    .from(groupCodeGroups)
    .where(eq(groupCodeGroups.status, 'active'))
    .orderBy(asc(groupCodeGroups.tenantId), asc(groupCodeGroups.id))
    .limit(limit * 4);
  const byTenant = new Map<number, typeof pools>();
  for (const p of pools) byTenant.set(p.tenantId, [...(byTenant.get(p.tenantId) ?? []), p]);
  for (const [tenantId, rows] of byTenant) {
    const ctx = withActor(deps, systemActor(tenantId));
    const groups = await getGroupRefsByIds(
      ctx,
      rows.map((r) => r.groupId),
    );
    const seatCounts = await deps.db
      .select({ poolId: groupCodeSeats.poolId, n: sql<number>`count(*)::int` })
      .from(groupCodeSeats)
      .where(
        and(
          eq(groupCodeSeats.tenantId, tenantId),
          eq(groupCodeSeats.status, 'reserved'),
          inArray(
            groupCodeSeats.poolId,
            rows.map((r) => r.id),
          ),
        ),
      )
      .groupBy(groupCodeSeats.poolId);
    const seats = new Map(seatCounts.map((s) => [s.poolId, Number(s.n)]));
    for (const r of rows) {
      const group = groups.get(r.groupId);
      const off =
        !group || group.status === 'dismissed' || group.memberCount !== r.members || (seats.get(r.id) ?? 0) !== r.reserved;
      if (off && (await reconcilePoolGroup(ctx, r.id))) reconciled++;
    }
  }

  const codes = await deps.db
    .select({ tenantId: groupCodes.tenantId, id: groupCodes.id })
    .from(groupCodes)
    .where(eq(groupCodes.status, 'active'))
    .orderBy(asc(groupCodes.tenantId), asc(groupCodes.id))
    .limit(limit * 2);
  const slot = Math.floor(now.getTime() / 60_000);
  for (const c of codes) {
    await deps.queue.send(
      GROUP_CODE_SYNC_JOB,
      { tenantId: c.tenantId, codeId: c.id },
      { id: deterministicJobId(`gc-sweep-sync:${c.tenantId}:${c.id}:${slot}`) },
    );
  }
  return { expired, reconciled, syncs: codes.length };
}
