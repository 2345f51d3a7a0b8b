import type { TDomainEvent } from '../../events/domain-events.ts';
import type { TAutomationEvent } from './evaluate-automation.ts';

/**
 * The automation events a domain event stands for (none, one, or two for a tag change that both
 * added and removed). Only customers' own doings count: a staff member's message is not a trigger.
 * Keys are derived from the source event only, so a redelivered event yields the same keys.
 * @example
 * automationEventsOf({ type: 'order.paid', orderId: 7, customerId: 3, amountCents: 9900, storeId: 1, staffId: 2, at })
 * // → [{ type: 'order_paid', key: 'order.paid:7', customerId: 3, amountCents: 9900, storeId: 1, staffId: 2, at }]
 */
export function automationEventsOf(e: TDomainEvent): TAutomationEvent[] {
  const iso = e.at.toISOString();
  switch (e.type) {
    case 'customer.added':
      return [
        {
          type: 'customer_added',
          key: `customer.added:${e.staffId}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          staffId: e.staffId,
          state: e.state,
          newCustomer: e.newCustomer,
        },
      ];
    case 'customer.deleted_staff':
      return [
        {
          type: 'customer_deleted_staff',
          key: `customer.deleted_staff:${e.staffId}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          staffId: e.staffId,
        },
      ];
    case 'group.joined':
    case 'group.left':
      if (e.memberType !== 'customer' || e.customerId === null) return [];
      return [
        {
          type: e.type === 'group.joined' ? 'group_joined' : 'group_left',
          key: `${e.type}:${e.groupId}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          groupId: e.groupId,
        },
      ];
    case 'group.message':
      if (e.senderType !== 'customer' || e.customerId === null) return [];
      return [
        {
          type: 'message',
          key: `group.message:${e.messageId}`,
          customerId: e.customerId,
          at: e.at,
          groupId: e.groupId,
          channel: 'group',
          content: e.content,
        },
      ];
    case 'private.message':
      if (e.senderType !== 'customer') return [];
      return [
        {
          type: 'message',
          key: `private.message:${e.messageId}`,
          customerId: e.customerId,
          at: e.at,
          staffId: e.staffId,
          channel: 'private',
          content: e.content,
        },
      ];
    case 'order.paid':
      return [
        {
          type: 'order_paid',
          key: `order.paid:${e.orderId}`,
          customerId: e.customerId,
          at: e.at,
          amountCents: e.amountCents,
          storeId: e.storeId,
          staffId: e.staffId,
        },
      ];
    case 'order.refunded':
      return [
        {
          type: 'order_refunded',
          key: `order.refunded:${e.orderId}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          amountCents: e.amountCents,
        },
      ];
    case 'customer.tags_changed': {
      const out: TAutomationEvent[] = [];
      const key = (ids: number[]) => [...ids].sort((a, b) => a - b).join(',');
      if (e.addedTagIds.length)
        out.push({
          type: 'tag_added',
          key: `tag_added:${key(e.addedTagIds)}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          staffId: e.staffId,
          tagIds: e.addedTagIds,
        });
      if (e.removedTagIds.length)
        out.push({
          type: 'tag_removed',
          key: `tag_removed:${key(e.removedTagIds)}:${iso}`,
          customerId: e.customerId,
          at: e.at,
          staffId: e.staffId,
          tagIds: e.removedTagIds,
        });
      return out;
    }
    default:
      return [];
  }
}

/** Whether the domain event counts as the customer engaging (for the inactivity trigger). */
export function engagementOf(e: TDomainEvent): { customerId: number; at: Date } | null {
  switch (e.type) {
    case 'customer.added':
    case 'order.paid':
      return { customerId: e.customerId, at: e.at };
    case 'private.message':
      return e.senderType === 'customer' ? { customerId: e.customerId, at: e.at } : null;
    case 'group.message':
      return e.senderType === 'customer' && e.customerId !== null ? { customerId: e.customerId, at: e.at } : null;
    case 'group.joined':
      return e.memberType === 'customer' && e.customerId !== null ? { customerId: e.customerId, at: e.at } : null;
    default:
      return null;
  }
}
