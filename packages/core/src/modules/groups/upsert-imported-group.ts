import { and, count, eq, isNull } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { ensureCustomerByExternalId } from '../customers/ensure-customer.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { groupChats, groupMembers } from './groups.tables.ts';

type TOutcome = 'created' | 'updated' | 'unchanged';

/** A customer group as WeCom's groupchat/get reports it, in Pond's words. */
export type TImportedGroupInput = {
  chatId: string;
  name: string;
  ownerUserId: string;
  createdAt: Date | null;
  notice?: string;
  members: {
    id: string;
    type: 'customer' | 'staff';
    name?: string;
    joinedAt: Date | null;
    joinScene?: number;
    inviterUserId?: string;
  }[];
};

export type TImportedGroupResult = { groupId: number; group: TOutcome; members: TOutcome[]; membersRemoved: number };

/**
 * Brings one customer group from a WeCom import or reconcile into Pond: the group is created or
 * refreshed (name, notice, owner; a group Pond thought dismissed is active again), members WeCom
 * lists are added or re-joined (when their join time is newer than the leave Pond knows), and
 * members Pond has present that WeCom no longer lists leave (timeline `group.left` with
 * `reason: 'reconcile'`). `member_count` is set to the present members. Fires no domain events
 * (no automations or rewards). `listedAt` is when WeCom was read: a join after it is kept.
 * Runs in the caller's transaction; unchanged data writes nothing.
 * @example
 * await upsertImportedGroup(ctx, { chat, listedAt: new Date(), runId: 3 });
 */
export async function upsertImportedGroup(
  ctx: Ctx,
  input: { chat: TImportedGroupInput; listedAt: Date; runId: number },
): Promise<TImportedGroupResult> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const { chat } = input;
  const now = ctx.now();
  const owner = await getStaffByWecomUserId(ctx, chat.ownerUserId);
  const name = chat.name || chat.chatId;
  const [existing] = await db
    .select()
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.externalChatId, chat.chatId)))
    .for('update');
  let groupOutcome: TOutcome = 'unchanged';
  let group = existing;
  if (!group) {
    const [inserted] = await db
      .insert(groupChats)
      .values({
        tenantId,
        externalChatId: chat.chatId,
        name,
        ownerStaffId: owner?.id ?? null,
        storeId: owner?.storeId ?? null,
        notice: chat.notice || null,
        createdAt: chat.createdAt ?? now,
      })
      .returning();
    if (!inserted) throw new Error(`group ${chat.chatId} not inserted`);
    group = inserted;
    groupOutcome = 'created';
  } else {
    const set: Partial<typeof groupChats.$inferInsert> = {};
    if (name !== group.name) set.name = name;
    if (chat.notice !== undefined && (chat.notice || null) !== group.notice) set.notice = chat.notice || null;
    if (owner && owner.id !== group.ownerStaffId) set.ownerStaffId = owner.id;
    if (group.status !== 'active') {
      set.status = 'active';
      set.dismissedAt = null;
    }
    if (Object.keys(set).length > 0) {
      await db
        .update(groupChats)
        .set(set)
        .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.id, group.id)));
      groupOutcome = 'updated';
    }
  }
  const groupId = group.id;
  const groupName = name;
  const rows = await db
    .select()
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId)));
  const byMember = new Map(rows.map((r) => [r.externalMemberId, r]));
  const listed = new Set<string>();
  const outcomes: TOutcome[] = [];
  const timeline: Parameters<typeof appendCustomerEvents>[1] = [];
  for (const m of chat.members) {
    listed.add(m.id);
    const row = byMember.get(m.id);
    const joinedAt = m.joinedAt ?? now;
    const inviterStaffId = m.inviterUserId ? ((await getStaffByWecomUserId(ctx, m.inviterUserId))?.id ?? null) : null;
    if (!row || (row.leftAt !== null && (m.joinedAt === null || m.joinedAt.getTime() > row.leftAt.getTime()))) {
      const customerId =
        m.type === 'customer'
          ? (await ensureCustomerByExternalId(ctx, { externalUserId: m.id, name: m.name, source: 'wecom', at: joinedAt })).id
          : null;
      const staffId = m.type === 'staff' ? ((await getStaffByWecomUserId(ctx, m.id))?.id ?? null) : null;
      const values = { joinedAt, leftAt: null, joinScene: m.joinScene ?? null, inviterStaffId, customerId, staffId };
      if (!row) {
        await db.insert(groupMembers).values({ tenantId, groupId, memberType: m.type, externalMemberId: m.id, ...values });
        outcomes.push('created');
      } else {
        await db
          .update(groupMembers)
          .set(values)
          .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.id, row.id)));
        outcomes.push('updated');
      }
      if (customerId !== null) {
        timeline.push({
          customerId,
          type: 'group.joined',
          occurredAt: joinedAt,
          actorType: 'customer',
          actorId: customerId,
          data: { groupId, groupName, joinScene: m.joinScene ?? null, state: null, source: 'sync' },
        });
      }
      continue;
    }
    if (row.leftAt === null && m.joinScene !== undefined && m.joinScene !== row.joinScene) {
      await db
        .update(groupMembers)
        .set({ joinScene: m.joinScene })
        .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.id, row.id)));
      outcomes.push('updated');
      continue;
    }
    outcomes.push('unchanged');
  }
  let membersRemoved = 0;
  for (const r of rows) {
    if (r.leftAt !== null || listed.has(r.externalMemberId)) continue;
    // Joined after WeCom was read: a live event newer than the list.
    if (r.joinedAt.getTime() > input.listedAt.getTime()) continue;
    await db
      .update(groupMembers)
      .set({ leftAt: now })
      .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.id, r.id), isNull(groupMembers.leftAt)));
    membersRemoved++;
    if (r.customerId !== null) {
      timeline.push({
        customerId: r.customerId,
        type: 'group.left',
        occurredAt: now,
        actorType: 'system',
        data: { groupId, groupName, quitScene: null, reason: 'reconcile', runId: input.runId },
      });
    }
  }
  await appendCustomerEvents(ctx, timeline);
  const [present] = await db
    .select({ n: count() })
    .from(groupMembers)
    .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, groupId), isNull(groupMembers.leftAt)));
  const presentCount = Number(present?.n ?? 0);
  if (presentCount !== group.memberCount) {
    await db
      .update(groupChats)
      .set({ memberCount: presentCount })
      .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.id, groupId)));
    if (groupOutcome === 'unchanged') groupOutcome = 'updated';
  }
  return { groupId, group: groupOutcome, members: outcomes, membersRemoved };
}
