import { and, eq, inArray, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { groupChats, groupMembers } from './groups.tables.ts';

// Published read functions of the groups module for the inbox, the outbox and the simulator.

export type TGroupRef = {
  id: number;
  externalChatId: string;
  name: string;
  status: 'active' | 'dismissed';
  ownerStaffId: number | null;
  storeId: number | null;
  memberCount: number;
  memberCap: number;
  // 'store' | 'vip' | 'activity' | 'other'
  kind: string;
};

const refColumns = {
  id: groupChats.id,
  externalChatId: groupChats.externalChatId,
  name: groupChats.name,
  status: groupChats.status,
  ownerStaffId: groupChats.ownerStaffId,
  storeId: groupChats.storeId,
  memberCount: groupChats.memberCount,
  memberCap: groupChats.memberCap,
  kind: groupChats.kind,
};
const toRef = (r: Omit<TGroupRef, 'status'> & { status: string }): TGroupRef => ({
  ...r,
  status: r.status === 'dismissed' ? 'dismissed' : 'active',
});

export async function getGroupRef(ctx: Ctx, id: number): Promise<TGroupRef | null> {
  const [row] = await dbOf(ctx)
    .select(refColumns)
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, ctx.actor.tenantId), eq(groupChats.id, id)));
  return row ? toRef(row) : null;
}

export async function getGroupRefByChatId(ctx: Ctx, chatId: string): Promise<TGroupRef | null> {
  const [row] = await dbOf(ctx)
    .select(refColumns)
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, ctx.actor.tenantId), eq(groupChats.externalChatId, chatId)));
  return row ? toRef(row) : null;
}

/** Which of these chat ids are known, not dismissed groups. */
export async function activeGroupsAmong(ctx: Ctx, chatIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(chatIds)];
  if (unique.length === 0) return new Set();
  const rows = await dbOf(ctx)
    .select({ chatId: groupChats.externalChatId })
    .from(groupChats)
    .where(
      and(
        eq(groupChats.tenantId, ctx.actor.tenantId),
        inArray(groupChats.externalChatId, unique),
        eq(groupChats.status, 'active'),
      ),
    );
  return new Set(rows.map((r) => r.chatId));
}

/** Whether the member (userid or external_userid) is in the group now. */
export async function isGroupMember(ctx: Ctx, groupId: number, externalMemberId: string): Promise<boolean> {
  const [row] = await dbOf(ctx)
    .select({ id: groupMembers.id })
    .from(groupMembers)
    .where(
      and(
        eq(groupMembers.tenantId, ctx.actor.tenantId),
        eq(groupMembers.groupId, groupId),
        eq(groupMembers.externalMemberId, externalMemberId),
        isNull(groupMembers.leftAt),
      ),
    );
  return !!row;
}

/** Groups by id (missing ids are absent from the map), for modules that keep lists of groups. */
export async function getGroupRefsByIds(ctx: Ctx, ids: readonly number[]): Promise<Map<number, TGroupRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await dbOf(ctx)
    .select(refColumns)
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, ctx.actor.tenantId), inArray(groupChats.id, unique)));
  return new Map(rows.map((r) => [r.id, toRef(r)]));
}
