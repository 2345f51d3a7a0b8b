import { onDomainEvent } from '../../events/domain-events.ts';
import { applyKeywordReply } from './apply-keyword-reply.ts';

let subscribed = false;

/** Subscribes the keyword-replies module to domain events, once per process. */
export function subscribeKeywordReplyEvents(): void {
  if (subscribed) return;
  subscribed = true;
  // Auto-replies to customers' messages, in groups and in private chats.
  onDomainEvent('group.message', async (ctx, event) => {
    await applyKeywordReply(ctx, event);
  });
  onDomainEvent('private.message', async (ctx, event) => {
    await applyKeywordReply(ctx, event);
  });
}
