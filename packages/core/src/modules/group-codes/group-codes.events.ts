import { onDomainEvent } from '../../events/domain-events.ts';
import { applyPoolDismissed, applyPoolJoin, applyPoolLeave } from './apply-pool-member-change.ts';

let subscribed = false;

/**
 * Subscribes the group-codes module, once per process: pool groups count their members from join
 * and leave events, joins through a code's way (state `gc<id>`) use their seat and are recorded,
 * and a dismissed group leaves its pool's routing.
 */
export function subscribeGroupCodeEvents(): void {
  if (subscribed) return;
  subscribed = true;
  onDomainEvent('group.joined', applyPoolJoin);
  onDomainEvent('group.left', applyPoolLeave);
  onDomainEvent('group.dismissed', applyPoolDismissed);
}
