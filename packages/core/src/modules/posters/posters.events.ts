import { onDomainEvent } from '../../events/domain-events.ts';
import { recordStaffCardAdd, staffIdOfState } from './staff-cards.ts';

let subscribed = false;

/** Subscribes the posters module to domain events, once per process: adds through staff cards are counted. */
export function subscribePosterEvents(): void {
  if (subscribed) return;
  subscribed = true;
  onDomainEvent('customer.added', async (ctx, event) => {
    const staffId = staffIdOfState(event.state);
    // A card belongs to one staff member: an add with another staff's card state is not this card's.
    if (staffId === null || staffId !== event.staffId) return;
    await recordStaffCardAdd(ctx, staffId, event.at);
  });
}
