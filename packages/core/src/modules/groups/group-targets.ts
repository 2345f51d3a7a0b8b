import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import type { TGroupRef } from './group-refs.ts';
import { groupChats } from './groups.tables.ts';

/** Which groups a rule targets: any group in these stores, of these kinds (the group's tag), or listed. */
export type TGroupTarget = { storeIds?: readonly number[]; kinds?: readonly string[]; groupIds?: readonly number[] };

/**
 * The active groups matching any part of the target (a union), ordered by id; at most `limit`.
 * No data scope: for system jobs (SOP calendars) that apply operators' rules.
 * @example
 * const groups = await listActiveGroupsByTarget(ctx, { storeIds: [3], kinds: ['vip'] });
 */
export async function listActiveGroupsByTarget(ctx: Ctx, target: TGroupTarget, limit = 5000): Promise<TGroupRef[]> {
  const any: SQL[] = [];
  if (target.storeIds?.length) any.push(inArray(groupChats.storeId, [...target.storeIds]));
  if (target.kinds?.length) any.push(inArray(groupChats.kind, [...target.kinds]));
  if (target.groupIds?.length) any.push(inArray(groupChats.id, [...target.groupIds]));
  if (any.length === 0) return [];
  const rows = await dbOf(ctx)
    .select({
      id: groupChats.id,
      externalChatId: groupChats.externalChatId,
      name: groupChats.name,
      status: groupChats.status,
      ownerStaffId: groupChats.ownerStaffId,
      storeId: groupChats.storeId,
      memberCount: groupChats.memberCount,
      memberCap: groupChats.memberCap,
      kind: groupChats.kind,
    })
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, ctx.actor.tenantId), eq(groupChats.status, 'active'), or(...any)))
    .orderBy(asc(groupChats.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, status: 'active' as const }));
}
