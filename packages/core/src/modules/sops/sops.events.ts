import { systemActor } from '../../context.ts';
import { onDomainEvent } from '../../events/domain-events.ts';
import { applyCalendarsToGroup } from './apply-calendars-to-group.ts';
import { enrollAddedCustomer } from './enroll-added-customer.ts';

let subscribed = false;

/** Subscribes the sops module to domain events, once per process. */
export function subscribeSopEvents(): void {
  if (subscribed) return;
  subscribed = true;
  // Customer journeys triggered by adds. As the system: the journey is the brand's, not the actor's.
  onDomainEvent('customer.added', async (ctx, event) => {
    await enrollAddedCustomer({ ...ctx, actor: systemActor(ctx.actor.tenantId) }, event);
  });
  // A new group in a calendar's targets gets its plan at once, not at the next daily apply.
  onDomainEvent('group.created', async (ctx, event) => {
    await applyCalendarsToGroup({ ...ctx, actor: systemActor(ctx.actor.tenantId) }, event.groupId);
  });
}
