import { simulatorOf } from '../../channels.ts';
import type { Ctx } from '../../context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { assertRole, isTenantWide } from '../access/assert-role.ts';
import { getGroupRefByChatId } from '../groups/group-refs.ts';
import { getStaffByWecomUserId } from '../org/lookups.ts';
import type { TSimLogItem, TSimLogQuery } from './simulator.schemas.ts';

// A guide reads their own chats and the groups they own; a store manager those of their store.
async function assertConversationVisible(ctx: Ctx, conversation: string): Promise<void> {
  const { actor } = ctx;
  const [kind, id] = conversation.split(':');
  if (kind === 'private' && id) {
    const member = await getStaffByWecomUserId(ctx, id);
    const ok = !!member && (actor.role === 'guide' ? member.id === actor.staffId : member.storeId === actor.storeId);
    if (ok) return;
  } else if (kind === 'group' && id) {
    const group = await getGroupRefByChatId(ctx, id);
    const ok = !!group && (actor.role === 'guide' ? group.ownerStaffId === actor.staffId : group.storeId === actor.storeId);
    if (ok) return;
  }
  throw notFound('Conversation', conversation);
}

/**
 * The virtual WeCom's chat log (what customers, staff and Pond said), oldest first: the lines after
 * `afterId` (to follow it live), or else the latest `limit`. HQ roles read every conversation;
 * guides and store managers name one of theirs.
 */
export async function listSimLog(ctx: Ctx, query: TSimLogQuery): Promise<{ items: TSimLogItem[] }> {
  assertRole(ctx.actor, ['admin', 'operator', 'store_manager', 'guide'], 'read the simulator log');
  if (!isTenantWide(ctx.actor)) {
    if (!query.conversation)
      throw new AppError('FORBIDDEN', 'Choose a conversation: your role sees only your own chats and groups.');
    await assertConversationVisible(ctx, query.conversation);
  }
  const lines = await simulatorOf(ctx).readChatLog({
    tenantId: ctx.actor.tenantId,
    conversation: query.conversation,
    afterId: query.afterId,
    limit: query.limit,
  });
  return { items: lines.map((l) => ({ ...l, at: l.at.toISOString() })) };
}
