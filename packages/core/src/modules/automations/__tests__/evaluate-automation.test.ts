import { describe, expect, it } from 'vitest';
import {
  type TAutomationAction,
  type TAutomationConditions,
  type TAutomationTriggerInput,
  ZAutomationTrigger,
} from '../automations.schemas.ts';
import {
  evaluateAutomation,
  loopGuardHolds,
  nextStretch,
  type TAutomationEvent,
  type TAutomationFacts,
  type TAutomationRule,
  triggerMatches,
} from '../evaluate-automation.ts';

const at = new Date('2026-03-02T02:00:00Z');
const now = new Date('2026-03-02T03:00:00Z');
const ev = (e: Partial<TAutomationEvent> & Pick<TAutomationEvent, 'type'>): TAutomationEvent => ({
  key: 'k',
  customerId: 1,
  at,
  ...e,
});
const trig = (t: TAutomationTriggerInput) => ZAutomationTrigger.parse(t);
const tag: TAutomationAction = { type: 'add_tags', tagIds: [1] };
const wait = (amount: number, unit: 'minutes' | 'hours' | 'days'): TAutomationAction => ({ type: 'wait', amount, unit });
const send: TAutomationAction = { type: 'send_private', content: { text: 'hi', materialIds: [] } };

describe('triggerMatches', () => {
  const rows: [string, TAutomationTriggerInput, TAutomationEvent, boolean][] = [
    ['another trigger type', { type: 'order_paid' }, ev({ type: 'order_refunded' }), false],
    ['added, any channel', { type: 'customer_added' }, ev({ type: 'customer_added', state: null }), true],
    [
      'added through the listed live code',
      { type: 'customer_added', liveCodeIds: [7] },
      ev({ type: 'customer_added', state: 'lc7' }),
      true,
    ],
    [
      'added through another live code',
      { type: 'customer_added', liveCodeIds: [7] },
      ev({ type: 'customer_added', state: 'lc8' }),
      false,
    ],
    [
      'added without a state, code required',
      { type: 'customer_added', liveCodeIds: [7] },
      ev({ type: 'customer_added', state: null }),
      false,
    ],
    [
      'a state that only looks like a code',
      { type: 'customer_added', liveCodeIds: [7] },
      ev({ type: 'customer_added', state: 'lc07' }),
      false,
    ],
    ['state prefix matches', { type: 'customer_added', statePrefix: 'fi' }, ev({ type: 'customer_added', state: 'fi123' }), true],
    [
      'state prefix does not match',
      { type: 'customer_added', statePrefix: 'fi' },
      ev({ type: 'customer_added', state: 'rf1' }),
      false,
    ],
    [
      'code or prefix: prefix matches',
      { type: 'customer_added', liveCodeIds: [7], statePrefix: 'fi' },
      ev({ type: 'customer_added', state: 'fi9' }),
      true,
    ],
    [
      'new customers only, a re-add',
      { type: 'customer_added', newCustomersOnly: true },
      ev({ type: 'customer_added', newCustomer: false }),
      false,
    ],
    [
      'new customers only, a new one',
      { type: 'customer_added', newCustomersOnly: true },
      ev({ type: 'customer_added', newCustomer: true }),
      true,
    ],
    ['deleted staff', { type: 'customer_deleted_staff' }, ev({ type: 'customer_deleted_staff' }), true],
    ['joined any group', { type: 'group_joined' }, ev({ type: 'group_joined', groupId: 4 }), true],
    ['joined a listed group', { type: 'group_joined', groupIds: [4, 5] }, ev({ type: 'group_joined', groupId: 5 }), true],
    ['joined another group', { type: 'group_joined', groupIds: [4] }, ev({ type: 'group_joined', groupId: 5 }), false],
    ['left a listed group', { type: 'group_left', groupIds: [4] }, ev({ type: 'group_left', groupId: 4 }), true],
    ['any message', { type: 'message' }, ev({ type: 'message', channel: 'group', content: '你好' }), true],
    [
      'private only, group message',
      { type: 'message', scope: 'private' },
      ev({ type: 'message', channel: 'group', content: 'x' }),
      false,
    ],
    [
      'group only, group message',
      { type: 'message', scope: 'group' },
      ev({ type: 'message', channel: 'group', content: 'x' }),
      true,
    ],
    [
      'keyword contained',
      { type: 'message', keyword: '退款' },
      ev({ type: 'message', channel: 'private', content: '我要退款了' }),
      true,
    ],
    [
      'keyword missing',
      { type: 'message', keyword: '退款' },
      ev({ type: 'message', channel: 'private', content: '谢谢' }),
      false,
    ],
    [
      'keyword, case-insensitive',
      { type: 'message', keyword: 'VIP' },
      ev({ type: 'message', channel: 'private', content: 'i want vip' }),
      true,
    ],
    ['order at the minimum', { type: 'order_paid', minAmountCents: 10000 }, ev({ type: 'order_paid', amountCents: 10000 }), true],
    [
      'order below the minimum',
      { type: 'order_paid', minAmountCents: 10000 },
      ev({ type: 'order_paid', amountCents: 9999 }),
      false,
    ],
    ['order, no minimum', { type: 'order_paid' }, ev({ type: 'order_paid', amountCents: 1 }), true],
    ['refund', { type: 'order_refunded' }, ev({ type: 'order_refunded', amountCents: 100 }), true],
    ['tag added, one of the tags', { type: 'tag_added', tagIds: [3, 4] }, ev({ type: 'tag_added', tagIds: [9, 4] }), true],
    ['tag added, other tags', { type: 'tag_added', tagIds: [3] }, ev({ type: 'tag_added', tagIds: [9] }), false],
    ['tag removed is not tag added', { type: 'tag_added', tagIds: [3] }, ev({ type: 'tag_removed', tagIds: [3] }), false],
    ['tag removed', { type: 'tag_removed', tagIds: [3] }, ev({ type: 'tag_removed', tagIds: [3] }), true],
    ['inactive long enough', { type: 'inactivity', days: 30 }, ev({ type: 'inactivity', inactiveDays: 31 }), true],
    ['inactive exactly N days', { type: 'inactivity', days: 30 }, ev({ type: 'inactivity', inactiveDays: 30 }), true],
    ['inactive, not long enough', { type: 'inactivity', days: 30 }, ev({ type: 'inactivity', inactiveDays: 29 }), false],
    ['date field', { type: 'date_field', fieldKey: 'birthday' }, ev({ type: 'date_field', fieldKey: 'birthday' }), true],
    [
      'another date field',
      { type: 'date_field', fieldKey: 'birthday' },
      ev({ type: 'date_field', fieldKey: 'anniversary' }),
      false,
    ],
  ];
  it.each(rows)('%s', (_name, trigger, event, expected) => {
    expect(triggerMatches(trig(trigger), event) === null).toBe(expected);
  });
});

describe('evaluateAutomation', () => {
  const facts = (f: Partial<TAutomationFacts> = {}): TAutomationFacts => ({
    now,
    lastRunAt: null,
    runsLastHour: 0,
    hourlyCap: 20,
    ...f,
  });
  const rule = (conditions: TAutomationConditions = {}, loopWindowMinutes = 1440): TAutomationRule => ({
    id: 1,
    trigger: trig({ type: 'order_paid' }),
    conditions,
    actions: [tag],
    loopWindowMinutes,
  });
  const order = ev({ type: 'order_paid', amountCents: 5000, storeId: 2, staffId: 3 });
  const rows: [string, TAutomationRule, TAutomationEvent, TAutomationFacts, string][] = [
    ['no conditions', rule(), order, facts(), 'match'],
    ['another trigger: ignored, not logged', rule(), ev({ type: 'order_refunded' }), facts(), 'ignore'],
    ['amount condition met', rule({ minAmountCents: 5000 }), order, facts(), 'match'],
    ['amount condition not met', rule({ minAmountCents: 5001 }), order, facts(), 'skip:amount_below'],
    ['store listed', rule({ storeIds: [2] }), order, facts(), 'match'],
    ['store not listed', rule({ storeIds: [1] }), order, facts(), 'skip:store_not_listed'],
    ['store unknown on the event', rule({ storeIds: [2] }), { ...order, storeId: null }, facts(), 'skip:store_not_listed'],
    ['empty store list means any', rule({ storeIds: [] }), order, facts(), 'match'],
    ['staff listed', rule({ staffIds: [3, 4] }), order, facts(), 'match'],
    ['staff not listed', rule({ staffIds: [4] }), order, facts(), 'skip:staff_not_listed'],
    ['group not on an order', rule({ groupIds: [4] }), order, facts(), 'skip:group_not_listed'],
    ['in the audience', rule({ audience: { tag: '1' } }), order, facts({ inAudience: true }), 'match'],
    ['not in the audience', rule({ audience: { tag: '1' } }), order, facts({ inAudience: false }), 'skip:not_in_audience'],
    ['audience not checked counts as no', rule({ audience: { tag: '1' } }), order, facts(), 'skip:not_in_audience'],
    ['ran 1 h ago, 24 h window', rule(), order, facts({ lastRunAt: new Date(now.getTime() - 3_600_000) }), 'skip:loop_guard'],
    ['ran 25 h ago, 24 h window', rule(), order, facts({ lastRunAt: new Date(now.getTime() - 25 * 3_600_000) }), 'match'],
    ['ran 1 h ago, 30 min window', rule({}, 30), order, facts({ lastRunAt: new Date(now.getTime() - 3_600_000) }), 'match'],
    ['customer at the hourly cap', rule(), order, facts({ runsLastHour: 20 }), 'skip:customer_hourly_cap'],
    ['customer under the hourly cap', rule(), order, facts({ runsLastHour: 19 }), 'match'],
    [
      'event conditions before the audience',
      rule({ minAmountCents: 9999, audience: { tag: '1' } }),
      order,
      facts({ inAudience: false }),
      'skip:amount_below',
    ],
    [
      'audience before the loop guard',
      rule({ audience: { tag: '1' } }),
      order,
      facts({ inAudience: false, lastRunAt: now }),
      'skip:not_in_audience',
    ],
    ['loop guard before the cap', rule(), order, facts({ lastRunAt: now, runsLastHour: 99 }), 'skip:loop_guard'],
  ];
  it.each(rows)('%s', (_name, r, e, f, expected) => {
    const v = evaluateAutomation(r, e, f);
    const got = v.outcome === 'skip' ? `skip:${v.reason}` : v.outcome;
    expect(got).toBe(expected);
    if (v.outcome === 'match') expect(v.actions).toEqual(r.actions);
  });
});

describe('loopGuardHolds', () => {
  const rows: [string, Date | null, number, boolean][] = [
    ['never ran', null, 1440, false],
    ['ran just now', now, 1440, true],
    ['ran one minute before the window ends', new Date(now.getTime() - 1439 * 60_000), 1440, true],
    ['ran exactly a window ago', new Date(now.getTime() - 1440 * 60_000), 1440, false],
  ];
  it.each(rows)('%s', (_name, last, window, expected) => {
    expect(loopGuardHolds(last, now, window)).toBe(expected);
  });
});

describe('nextStretch', () => {
  const rows: [string, TAutomationAction[], number, number[], { at: number; afterMs: number } | null][] = [
    ['no wait: all actions', [tag, send], 0, [0, 1], null],
    ['up to a wait', [tag, wait(2, 'hours'), send], 0, [0], { at: 2, afterMs: 7_200_000 }],
    ['after the wait', [tag, wait(2, 'hours'), send], 2, [2], null],
    ['wait first', [wait(30, 'minutes'), send], 0, [], { at: 1, afterMs: 1_800_000 }],
    ['two waits', [tag, wait(1, 'days'), send, wait(1, 'minutes'), tag], 2, [2], { at: 4, afterMs: 60_000 }],
    ['past the end', [tag], 1, [], null],
  ];
  it.each(rows)('%s', (_name, actions, from, run, resume) => {
    expect(nextStretch(actions, from)).toEqual({ run, resume });
  });
});
