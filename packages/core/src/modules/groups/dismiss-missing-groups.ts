import { and, eq, isNull, lte } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { appendCustomerEvents } from '../customers/append-customer-event.ts';
import { groupChats, groupMembers } from './groups.tables.ts';

/**
 * Reconcile: marks dismissed the active groups WeCom no longer lists (groupchat/list), because a
 * dismiss callback was lost; their present members leave with them (timeline `group.left` with
 * `reason: 'reconcile'`). Groups created after `listedAt` are kept. Fires no domain events.
 * Runs in the caller's transaction.
 * @example
 * const dismissed = await dismissMissingGroups(ctx, { chatIds: new Set(['wrOg…']), listedAt, runId: 3 });
 */
export async function dismissMissingGroups(
  ctx: Ctx,
  input: { chatIds: ReadonlySet<string>; listedAt: Date; runId: number },
): Promise<{ groups: number; members: number }> {
  const db = dbOf(ctx);
  const tenantId = ctx.actor.tenantId;
  const now = ctx.now();
  const active = await db
    .select({ id: groupChats.id, chatId: groupChats.externalChatId, name: groupChats.name })
    .from(groupChats)
    .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.status, 'active'), lte(groupChats.createdAt, input.listedAt)));
  let groups = 0;
  let members = 0;
  for (const g of active) {
    if (input.chatIds.has(g.chatId)) continue;
    await db
      .update(groupChats)
      .set({ status: 'dismissed', dismissedAt: now, memberCount: 0 })
      .where(and(eq(groupChats.tenantId, tenantId), eq(groupChats.id, g.id)));
    const left = await db
      .update(groupMembers)
      .set({ leftAt: now })
      .where(and(eq(groupMembers.tenantId, tenantId), eq(groupMembers.groupId, g.id), isNull(groupMembers.leftAt)))
      .returning({ customerId: groupMembers.customerId });
    members += left.length;
    await appendCustomerEvents(
      ctx,
      left.flatMap((m) =>
        m.customerId === null
          ? []
          : [
              {
                customerId: m.customerId,
                type: 'group.left',
                occurredAt: now,
                actorType: 'system' as const,
                data: { groupId: g.id, groupName: g.name, reason: 'reconcile', runId: input.runId },
              },
            ],
      ),
    );
    groups++;
  }
  return { groups, members };
}
