import { onDomainEvent } from '../../events/domain-events.ts';
import { registerWelcomeResolver } from '../customers/welcome-message.ts';
import { attributeLiveCodeAdd, recordLiveCodeDeletion, recordLiveCodeOrder } from './attribute-live-code-add.ts';
import { liveCodeWelcome } from './live-code-welcome.ts';

let subscribed = false;

/**
 * Subscribes the live-codes module, once per process: adds through a code are attributed (tags,
 * remark, counters), deletions of attributed follows are counted, paid orders mark conversions,
 * and the welcome of `lc<id>` states is the code's own.
 */
export function subscribeLiveCodeEvents(): void {
  if (subscribed) return;
  subscribed = true;
  registerWelcomeResolver(liveCodeWelcome);
  onDomainEvent('customer.added', async (ctx, event) => {
    await attributeLiveCodeAdd(ctx, event);
  });
  onDomainEvent('customer.deleted_staff', recordLiveCodeDeletion);
  onDomainEvent('staff.deleted_customer', recordLiveCodeDeletion);
  onDomainEvent('order.paid', recordLiveCodeOrder);
}
