import { describe, expect, it } from 'vitest';
import type { TAudienceAttrOp, TAudienceExpression, TAudienceScalar } from '../audience-expression.ts';
import { countAudience, evaluateAudience, type TAudienceCustomer } from '../evaluate-audience.ts';

// Tags 1, 2 are in group 10; tag 3 in group 20; tag 4 is in no known group.
const tagGroupOf = new Map([
  ['1', '10'],
  ['2', '10'],
  ['3', '20'],
]);
const ctx = { tagGroupOf };

const customer = (over: Partial<TAudienceCustomer> = {}): TAudienceCustomer => ({
  id: '1',
  deleted: false,
  storeId: '5',
  staffIds: ['7'],
  tagIds: ['1', '3'],
  groupIds: ['8'],
  addedAt: '2026-03-01T00:00:00Z',
  attrs: { level: 'gold', vip: true, score: 10, birthday: '1990-05-01', seen: '2026-03-01T08:00:00+08:00' },
  orderCount: 2,
  totalSpentCents: 5000,
  lastOrderAt: '2026-04-01T00:00:00Z',
  ...over,
});
const bare = customer({
  storeId: null,
  staffIds: [],
  tagIds: [],
  groupIds: [],
  addedAt: null,
  attrs: {},
  orderCount: undefined,
  totalSpentCents: undefined,
  lastOrderAt: undefined,
});

type Row = [string, TAudienceExpression, TAudienceCustomer, boolean];
const attr = (name: string, op: TAudienceAttrOp, value: TAudienceScalar | TAudienceScalar[]): TAudienceExpression => ({
  attr: name,
  op,
  value,
});

describe('evaluateAudience', () => {
  it.each<Row>([
    ['tag held', { tag: '1' }, customer(), true],
    ['tag not held', { tag: '2' }, customer(), false],
    ['not tag, no tags at all', { not: { tag: '1' } }, bare, true],
    ['untaggedIn: has a tag of the group', { untaggedIn: '10' }, customer(), false],
    ['untaggedIn: only tags of other groups', { untaggedIn: '10' }, customer({ tagIds: ['3', '4'] }), true],
    ['untaggedIn: no tags at all', { untaggedIn: '10' }, bare, true],
    ['untaggedIn: tag of unknown group counts for none', { untaggedIn: '10' }, customer({ tagIds: ['4'] }), true],
    ['store', { store: '5' }, customer(), true],
    ['store, other', { store: '6' }, customer(), false],
    ['store, customer without one', { store: '5' }, bare, false],
    ['staff followed now', { staff: '7' }, customer(), true],
    ['staff not followed', { staff: '8' }, customer(), false],
    ['inGroup', { inGroup: '8' }, customer(), true],
    ['inGroup, not a member', { inGroup: '9' }, customer(), false],
    ['addedBetween inside', { addedBetween: ['2026-02-01T00:00:00Z', '2026-04-01T00:00:00Z'] }, customer(), true],
    ['addedBetween start is included', { addedBetween: ['2026-03-01T08:00:00+08:00', '2026-04-01T00:00:00Z'] }, customer(), true],
    ['addedBetween end is included', { addedBetween: ['2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z'] }, customer(), true],
    ['addedBetween one ms after end', { addedBetween: ['2026-02-01T00:00:00Z', '2026-02-28T23:59:59.999Z'] }, customer(), false],
    ['addedBetween never added', { addedBetween: ['2000-01-01T00:00:00Z', '2100-01-01T00:00:00Z'] }, bare, false],
    ['all [] is everyone', { all: [] }, bare, true],
    ['any [] is no one', { any: [] }, customer(), false],
    ['all', { all: [{ tag: '1' }, { store: '5' }] }, customer(), true],
    ['all, one fails', { all: [{ tag: '1' }, { store: '6' }] }, customer(), false],
    ['any, one holds', { any: [{ tag: '2' }, { store: '5' }] }, customer(), true],
    ['not not', { not: { not: { tag: '1' } } }, customer(), true],
    ['eq text', attr('level', 'eq', 'gold'), customer(), true],
    ['ne text', attr('level', 'ne', 'silver'), customer(), true],
    ['ne, value missing, is false (SQL)', attr('level', 'ne', 'silver'), bare, false],
    ['not eq, value missing, is true', { not: attr('level', 'eq', 'silver') }, bare, true],
    ['eq, value null', attr('level', 'eq', 'gold'), customer({ attrs: { level: null } }), false],
    ['gt, value missing', attr('score', 'gt', 1), bare, false],
    ['eq, other kind is not comparable', attr('score', 'eq', '10'), customer(), false],
    ['ne, other kind is not comparable', attr('score', 'ne', '11'), customer(), false],
    ['eq boolean', attr('vip', 'eq', true), customer(), true],
    ['ne boolean', attr('vip', 'ne', true), customer(), false],
    ['gt number', attr('score', 'gt', 9), customer(), true],
    ['gte number at equality', attr('score', 'gte', 10), customer(), true],
    ['lt number at equality', attr('score', 'lt', 10), customer(), false],
    ['lte number', attr('score', 'lte', 10), customer(), true],
    ['in', attr('level', 'in', ['silver', 'gold']), customer(), true],
    ['in, absent', attr('level', 'in', ['silver']), customer(), false],
    ['in, value missing', attr('level', 'in', ['silver']), bare, false],
    ['calendar dates order', attr('birthday', 'lt', '1990-05-02'), customer(), true],
    ['instants compare as instants across offsets', attr('seen', 'eq', '2026-03-01T00:00:00Z'), customer(), true],
    ['instant vs calendar date is not comparable', attr('seen', 'gte', '2026-01-01'), customer(), false],
    ['order_count', attr('order_count', 'gte', 2), customer(), true],
    ['order_count is 0 without orders', attr('order_count', 'eq', 0), bare, true],
    ['total_spent in cents', attr('total_spent', 'gt', 4999), customer(), true],
    ['total_spent is 0 without orders', attr('total_spent', 'lt', 1), bare, true],
    ['last_order_date', attr('last_order_date', 'gte', '2026-04-01T08:00:00+08:00'), customer(), true],
    ['last_order_date missing: lt is false', attr('last_order_date', 'lt', '2100-01-01T00:00:00Z'), bare, false],
    [
      'built-in wins over a custom field of the same key',
      attr('order_count', 'eq', 99),
      customer({ attrs: { order_count: 99 } }),
      false,
    ],
    ['deleted customer is in no audience', { all: [] }, customer({ deleted: true }), false],
    ['deleted customer is not in a not either', { not: { tag: '2' } }, customer({ deleted: true }), false],
  ])('%s', (_name, expr, c, expected) => {
    expect(evaluateAudience(expr, c, ctx)).toBe(expected);
  });

  it('includes deleted customers when asked', () => {
    expect(evaluateAudience({ tag: '1' }, customer({ deleted: true }), { tagGroupOf, includeDeleted: true })).toBe(true);
  });
});

describe('countAudience', () => {
  const people = [
    customer({ id: '1' }),
    customer({ id: '2', tagIds: [] }),
    customer({ id: '3', tagIds: ['2'], deleted: true }),
    customer({ id: '4', tagIds: ['3'] }),
  ];

  it.each<[string, TAudienceExpression, boolean, number]>([
    ['everyone in scope, deleted left out', { all: [] }, false, 3],
    ['everyone, deleted included', { all: [] }, true, 4],
    ['no one', { any: [] }, true, 0],
    ['not is taken within the scope', { not: { tag: '1' } }, false, 2],
    ['not, deleted included', { not: { tag: '1' } }, true, 3],
    ['untaggedIn counts the untagged', { untaggedIn: '10' }, false, 2],
  ])('%s', (_name, expr, includeDeleted, n) => {
    expect(countAudience(expr, people, { tagGroupOf, includeDeleted })).toBe(n);
  });
});
