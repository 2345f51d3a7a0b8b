import { describe, expect, it } from 'vitest';
import type { TDomainEvent } from '../../../events/domain-events.ts';
import { automationEventsOf, engagementOf } from '../automation-events.ts';

const at = new Date('2026-03-02T02:00:00Z');

describe('automationEventsOf', () => {
  const rows: [string, TDomainEvent, { type: string; key: string; customerId: number }[]][] = [
    [
      'an add',
      { type: 'customer.added', customerId: 1, staffId: 2, state: 'lc3', readd: false, newCustomer: true, inboxEventId: 9, at },
      [{ type: 'customer_added', key: `customer.added:2:${at.toISOString()}`, customerId: 1 }],
    ],
    [
      'a customer message',
      { type: 'private.message', messageId: 5, customerId: 1, staffId: 2, senderType: 'customer', content: 'hi', at },
      [{ type: 'message', key: 'private.message:5', customerId: 1 }],
    ],
    [
      'a staff message is no trigger',
      { type: 'private.message', messageId: 5, customerId: 1, staffId: 2, senderType: 'staff', content: 'hi', at },
      [],
    ],
    [
      'a group message of a staff member',
      { type: 'group.message', messageId: 6, groupId: 3, customerId: null, staffId: 2, senderType: 'staff', content: 'x', at },
      [],
    ],
    [
      'a staff member joining a group',
      { type: 'group.joined', groupId: 3, memberType: 'staff', customerId: null, staffId: 2, joinScene: null, state: null, at },
      [],
    ],
    [
      'an order',
      { type: 'order.paid', orderId: 7, customerId: 1, amountCents: 100, storeId: null, staffId: null, at },
      [{ type: 'order_paid', key: 'order.paid:7', customerId: 1 }],
    ],
    [
      'a tag change both ways',
      { type: 'customer.tags_changed', customerId: 1, staffId: null, addedTagIds: [4, 2], removedTagIds: [3], at },
      [
        { type: 'tag_added', key: `tag_added:2,4:${at.toISOString()}`, customerId: 1 },
        { type: 'tag_removed', key: `tag_removed:3:${at.toISOString()}`, customerId: 1 },
      ],
    ],
    ['a staff deletion is no trigger', { type: 'staff.deleted_customer', customerId: 1, staffId: 2, at }, []],
  ];
  it.each(rows)('%s', (_name, event, expected) => {
    expect(automationEventsOf(event).map(({ type, key, customerId }) => ({ type, key, customerId }))).toEqual(expected);
  });

  it('gives a redelivered event the same keys', () => {
    const e: TDomainEvent = { type: 'order.refunded', orderId: 7, customerId: 1, amountCents: 50, at };
    expect(automationEventsOf({ ...e })).toEqual(automationEventsOf({ ...e }));
  });
});

describe('engagementOf', () => {
  const rows: [string, TDomainEvent, boolean][] = [
    [
      'customer message',
      { type: 'private.message', messageId: 1, customerId: 1, staffId: 2, senderType: 'customer', content: '', at },
      true,
    ],
    [
      'staff message',
      { type: 'private.message', messageId: 1, customerId: 1, staffId: 2, senderType: 'staff', content: '', at },
      false,
    ],
    ['order', { type: 'order.paid', orderId: 1, customerId: 1, amountCents: 1, storeId: null, staffId: null, at }, true],
    ['refund', { type: 'order.refunded', orderId: 1, customerId: 1, amountCents: 1, at }, false],
    [
      'customer joins a group',
      { type: 'group.joined', groupId: 1, memberType: 'customer', customerId: 1, staffId: null, joinScene: 3, state: null, at },
      true,
    ],
    ['deletion', { type: 'customer.deleted_staff', customerId: 1, staffId: 2, at }, false],
  ];
  it.each(rows)('%s', (_name, event, expected) => {
    expect(engagementOf(event) !== null).toBe(expected);
  });
});
