import { onDomainEvent } from '../../events/domain-events.ts';
import { applyCheckinKeyword } from './apply-checkin-keyword.ts';

let subscribed = false;

/** Subscribes the checkins module to domain events (and other module hooks), once per process. */
export function subscribeCheckinEvents(): void {
  if (subscribed) return;
  subscribed = true;
  // Keyword check-ins in campaign groups.
  onDomainEvent('group.message', async (ctx, event) => {
    await applyCheckinKeyword(ctx, event);
  });
}
