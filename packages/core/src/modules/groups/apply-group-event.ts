import type { TChannelEvent } from '@pond/channels';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type Ctx, dbOf, inTransaction } from '../../context.ts';
import { emitDomainEvent } from '../../events/domain-events.ts';
import { decidePresenceTransition } from '../../lib/presence-transition.ts';
import { retryLater } from '../../lib/retry-later.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { ensureCustomerByExternalId } from '../customers/ensure-customer.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import { requireStaffByWecomUserId } from '../org/require-staff.ts';
import { getGroupRefByChatId, type TGroupRef } from './group-refs.ts';
import { groupChats, groupMembers } from './groups.tables.ts';

export type TGroupChannelEvent = Extract<
  TChannelEvent,
  { type: 'group.created' | 'group.updated' | 'group.dismissed' | 'group.member_joined' | 'group.member_left' }
>;

type TMember = { id: string; type: 'customer' | 'staff'; name?: string };
type TMemberChange = {
  kind: 'join' | 'leave';
  at: Date;
  joinScene?: number | null;
  inviterStaffId?: number | null;
  state?: string | null;
  quitScene?: number;
  reason?: 'dismissed';
};

async function requireGroup(ctx: Ctx, chatId: string): Promise<TGroupRef> {
  const group = await getGroupRefByChatId(ctx, chatId);
  // WeCom may deliver a member change before the group's create event: retry before failing.
  if (!group)
    throw retryLater(`Customer group ${chatId} is not known yet; its create event may still be on its way.`, { chatId });
  return group;
}

async function changeCount(ctx: Ctx, groupId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  const db = dbOf(ctx);
  const where = and(eq(groupChats.tenantId, ctx.actor.tenantId), eq(groupChats.id, groupId));
  // Conditional updates, never read-modify-write: concurrent joins and leaves all count.
  if (delta > 0) {
    await db
      .update(groupChats)
      .set({ memberCount: sql`${groupChats.memberCount} + ${delta}` })
      .where(where);
  } else {
    await db
      .update(groupChats)
      .set({ memberCount: sql`${groupChats.memberCount} - 1` })
      .where(and(where, gt(groupChats.memberCount, 0)));
  }
}

// One member joins or leaves, whatever order such events arrive in (see presence-transition.ts).
// Returns whether the change is the member's present state.
async function applyMemberChange(
  ctx: Ctx,
  group: TGroupRef,
  member: TMember,
  change: TMemberChange,
  source: string,
): Promise<boolean> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const customerId =
    member.type === 'customer'
      ? (await ensureCustomerByExternalId(ctx, { externalUserId: member.id, name: member.name, source, at: change.at })).id
      : null;
  // A staff member Pond does not know (another department's) is still a member; just without a staff id.
  const staffId = member.type === 'staff' ? ((await getStaffByWecomUserId(ctx, member.id))?.id ?? null) : null;
  const isJoin = change.kind === 'join';
  for (let attempt = 0; attempt < 3; attempt++) {
    const where = and(
      eq(groupMembers.tenantId, tenantId),
      eq(groupMembers.groupId, group.id),
      eq(groupMembers.externalMemberId, member.id),
    );
    const [row] = await db.select().from(groupMembers).where(where).for('update');
    const decision = decidePresenceTransition(row ? { startedAt: row.joinedAt, endedAt: row.leftAt } : null, {
      kind: isJoin ? 'start' : 'end',
      at: change.at,
    });
    if (decision.action === 'none') return false;
    const wasPresent = row ? row.leftAt === null : false;
    const joinDetails =
      isJoin && decision.current
        ? { joinScene: change.joinScene ?? null, inviterStaffId: change.inviterStaffId ?? null, state: change.state ?? null }
        : {};
    if (decision.action === 'insert') {
      const [inserted] = await db
        .insert(groupMembers)
        .values({
          tenantId,
          groupId: group.id,
          memberType: member.type,
          customerId,
          staffId,
          externalMemberId: member.id,
          joinedAt: decision.next.startedAt,
          leftAt: decision.next.endedAt,
          ...joinDetails,
        })
        .onConflictDoNothing()
        .returning({ id: groupMembers.id });
      // Another event about this member inserted the row meanwhile: lock it and decide again.
      if (!inserted) continue;
    } else {
      await db
        .update(groupMembers)
        .set({ joinedAt: decision.next.startedAt, leftAt: decision.next.endedAt, customerId, staffId, ...joinDetails })
        .where(where);
    }
    await changeCount(ctx, group.id, (decision.next.endedAt === null ? 1 : 0) - (wasPresent ? 1 : 0));
    if (customerId !== null) {
      await appendCustomerEvents(ctx, [
        {
          customerId,
          type: isJoin ? 'group.joined' : 'group.left',
          occurredAt: change.at,
          actorType: 'customer',
          actorId: customerId,
          data: {
            groupId: group.id,
            groupName: group.name,
            ...(isJoin
              ? { joinScene: change.joinScene ?? null, state: change.state ?? null }
              : { quitScene: change.quitScene ?? null }),
            ...(change.reason ? { reason: change.reason } : {}),
            ...(decision.current ? {} : { late: true }),
          },
        },
      ]);
    }
    if (decision.current) {
      if (isJoin) {
        await emitDomainEvent(ctx, {
          type: 'group.joined',
          groupId: group.id,
          memberType: member.type,
          customerId,
          staffId,
          joinScene: change.joinScene ?? null,
          state: change.state ?? null,
          at: change.at,
        });
      } else {
        await emitDomainEvent(ctx, {
          type: 'group.left',
          groupId: group.id,
          memberType: member.type,
          customerId,
          staffId,
          at: change.at,
        });
      }
    }
    return decision.current;
  }
  throw new Error(`The membership of ${member.id} in group ${group.externalChatId} kept changing; retry.`);
}

/**
 * Applies a customer-group event (change_external_chat): create, update, dismiss, members joining
 * and leaving. Membership keeps `group_members` and `group_chats.member_count` right under
 * redelivery and out-of-order arrival; customers get `group.joined` / `group.left` on their
 * timeline (an unknown customer joining gets a customer row from their external id). An event for
 * an unknown group is retried (its create may be on its way), then recorded as failed. Runs in the
 * caller's transaction.
 */
export async function applyGroupEvent(
  ctx: Ctx,
  input: { source: string; event: TGroupChannelEvent },
): Promise<{ groupId: number }> {
  const { event } = input;
  const at = new Date(event.at);
  return inTransaction(ctx, async (tctx) => {
    const db = dbOf(tctx);
    const tenantId = tctx.actor.tenantId;
    switch (event.type) {
      case 'group.created': {
        const owner = await requireStaffByWecomUserId(tctx, event.ownerUserId);
        const [inserted] = await db
          .insert(groupChats)
          .values({
            tenantId,
            externalChatId: event.chatId,
            name: event.name,
            ownerStaffId: owner.id,
            storeId: owner.storeId,
            memberCap: event.memberCap ?? 200,
            createdAt: at,
          })
          .onConflictDoNothing()
          .returning({ id: groupChats.id });
        const group = await requireGroup(tctx, event.chatId);
        // Already known (created through Pond, or a redelivery under another key): nothing to add.
        if (!inserted) return { groupId: group.id };
        await applyMemberChange(
          tctx,
          group,
          { id: event.ownerUserId, type: 'staff', name: owner.name },
          { kind: 'join', at },
          input.source,
        );
        await emitDomainEvent(tctx, { type: 'group.created', groupId: group.id, at });
        return { groupId: group.id };
      }
      case 'group.updated': {
        const group = await requireGroup(tctx, event.chatId);
        const set: Partial<typeof groupChats.$inferInsert> = {};
        if (event.name !== undefined) set.name = event.name;
        if (event.notice !== undefined) set.notice = event.notice;
        if (event.ownerUserId) set.ownerStaffId = (await requireStaffByWecomUserId(tctx, event.ownerUserId)).id;
        const changes = Object.keys(set);
        if (changes.length > 0) {
          await db
            .update(groupChats)
            .set(set)
            .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.id, group.id)));
          await emitDomainEvent(tctx, { type: 'group.updated', groupId: group.id, changes, at });
        }
        return { groupId: group.id };
      }
      case 'group.dismissed': {
        const group = await requireGroup(tctx, event.chatId);
        const [dismissed] = await db
          .update(groupChats)
          .set({ status: 'dismissed', dismissedAt: at })
          .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.id, group.id), eq(groupChats.status, 'active')))
          .returning({ id: groupChats.id });
        if (!dismissed) return { groupId: group.id };
        // Everyone still in the group leaves with it.
        const present = await db
          .select({ externalMemberId: groupMembers.externalMemberId, memberType: groupMembers.memberType })
          .from(groupMembers)
          .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, group.id), isNull(groupMembers.leftAt)));
        for (const m of present) {
          await applyMemberChange(
            tctx,
            group,
            { id: m.externalMemberId, type: m.memberType === 'staff' ? 'staff' : 'customer' },
            { kind: 'leave', at, reason: 'dismissed' },
            input.source,
          );
        }
        await emitDomainEvent(tctx, { type: 'group.dismissed', groupId: group.id, at });
        return { groupId: group.id };
      }
      case 'group.member_joined': {
        const group = await requireGroup(tctx, event.chatId);
        const inviterStaffId = event.inviterUserId
          ? ((await getStaffByWecomUserId(tctx, event.inviterUserId))?.id ?? null)
          : null;
        for (const member of event.members) {
          await applyMemberChange(
            tctx,
            group,
            member,
            { kind: 'join', at, joinScene: event.joinScene, inviterStaffId, state: event.state ?? null },
            input.source,
          );
        }
        return { groupId: group.id };
      }
      case 'group.member_left': {
        const group = await requireGroup(tctx, event.chatId);
        for (const member of event.members) {
          await applyMemberChange(tctx, group, member, { kind: 'leave', at, quitScene: event.quitScene }, input.source);
        }
        return { groupId: group.id };
      }
    }
  });
}
