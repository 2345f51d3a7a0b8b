import { and, count, desc, eq, inArray, sum } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { groupChats, groupMembers } from './groups.tables.ts';

/** staffId → number of active groups they own. */
export async function countGroupsByOwner(ctx: Ctx, staffIds: readonly number[]): Promise<Map<number, number>> {
  if (staffIds.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select({ staffId: groupChats.ownerStaffId, n: count() })
    .from(groupChats)
    .where(
      and(
        eq(groupChats.tenantId, ctx.actor.tenantId),
        inArray(groupChats.ownerStaffId, [...staffIds]),
        eq(groupChats.status, 'active'),
      ),
    )
    .groupBy(groupChats.ownerStaffId);
  return new Map(rows.flatMap((r) => (r.staffId == null ? [] : [[r.staffId, r.n] as const])));
}

/** Makes `toStaffId` the owner of every active group of `fromStaffId` (groupchat/transfer). */
export async function transferGroupOwnership(ctx: Ctx, input: { fromStaffId: number; toStaffId: number }): Promise<number> {
  const rows = await dbOf(ctx)
    .update(groupChats)
    .set({ ownerStaffId: input.toStaffId })
    .where(
      and(
        eq(groupChats.tenantId, ctx.actor.tenantId),
        eq(groupChats.ownerStaffId, input.fromStaffId),
        eq(groupChats.status, 'active'),
      ),
    )
    .returning({ id: groupChats.id });
  return rows.length;
}

export type TCustomerGroup = { groupId: number; name: string; joinedAt: string; leftAt: string | null };

/** The groups a customer is or was in, most recent first. */
export async function getGroupsOfCustomer(ctx: Ctx, customerId: number): Promise<TCustomerGroup[]> {
  const rows = await dbOf(ctx)
    .select({
      groupId: groupMembers.groupId,
      name: groupChats.name,
      joinedAt: groupMembers.joinedAt,
      leftAt: groupMembers.leftAt,
    })
    .from(groupMembers)
    .innerJoin(groupChats, and(eq(groupChats.tenantId, groupMembers.tenantId), eq(groupChats.id, groupMembers.groupId)))
    .where(and(eq(groupMembers.tenantId, ctx.actor.tenantId), eq(groupMembers.customerId, customerId)))
    .orderBy(desc(groupMembers.joinedAt));
  return rows.map((r) => ({
    groupId: r.groupId,
    name: r.name,
    joinedAt: r.joinedAt.toISOString(),
    leftAt: r.leftAt?.toISOString() ?? null,
  }));
}

/** Active groups in the actor's scope and their current member count. */
export async function countGroupsAndMembers(ctx: Ctx): Promise<{ groups: number; members: number }> {
  const { actor } = ctx;
  const where = [eq(groupChats.tenantId, actor.tenantId), eq(groupChats.status, 'active')];
  if (actor.role === 'store_manager') where.push(eq(groupChats.storeId, actor.storeId ?? -1));
  if (actor.role === 'guide') where.push(eq(groupChats.ownerStaffId, actor.staffId ?? -1));
  const [row] = await dbOf(ctx)
    .select({ n: count(), members: sum(groupChats.memberCount) })
    .from(groupChats)
    .where(and(...where));
  return { groups: row?.n ?? 0, members: Number(row?.members ?? 0) };
}
