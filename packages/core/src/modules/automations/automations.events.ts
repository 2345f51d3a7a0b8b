import type { Ctx } from '../../context.ts';
import { onDomainEvent, type TDomainEvent, type TDomainEventType } from '../../events/domain-events.ts';
import { automationEventsOf, engagementOf } from './automation-events.ts';
import { recordActivity } from './record-activity.ts';
import { triggerAutomations } from './trigger-automations.ts';

let subscribed = false;

const TRIGGERING: TDomainEventType[] = [
  'customer.added',
  'customer.deleted_staff',
  'group.joined',
  'group.left',
  'group.message',
  'private.message',
  'order.paid',
  'order.refunded',
  'customer.tags_changed',
];

async function onEvent(ctx: Ctx, event: TDomainEvent): Promise<void> {
  const engaged = engagementOf(event);
  if (engaged) await recordActivity(ctx, engaged.customerId, engaged.at);
  for (const e of automationEventsOf(event)) await triggerAutomations(ctx, e);
}

/**
 * Subscribes the automations module to domain events, once per process: every event that can
 * trigger a rule runs the tenant's enabled rules of that trigger (in the event's transaction), and
 * engagement events keep the last-activity time for the inactivity trigger.
 */
export function subscribeAutomationEvents(): void {
  if (subscribed) return;
  subscribed = true;
  for (const type of TRIGGERING) onDomainEvent(type, onEvent);
}
