import { describe, expect, it } from 'vitest';
import { AUDIENCE_MAX_DEPTH, AUDIENCE_MAX_NODES, ZAudienceExpression } from '../audience-expression.ts';

const nest = (levels: number): unknown => {
  let e: unknown = { tag: '1' };
  for (let i = 1; i < levels; i++) e = { not: e };
  return e;
};

describe('ZAudienceExpression accepts', () => {
  it.each([
    ['all', { all: [{ tag: '1' }, { store: '2' }] }],
    ['empty all / any', { any: [{ all: [] }, { any: [] }] }],
    ['not', { not: { tag: '1' } }],
    ['untaggedIn', { untaggedIn: '3' }],
    ['staff', { staff: '9007199254740993' }],
    ['inGroup', { inGroup: '4' }],
    ['addedBetween, equal ends', { addedBetween: ['2026-05-01T00:00:00+08:00', '2026-04-30T16:00:00Z'] }],
    ['attr eq text', { attr: 'level', op: 'eq', value: 'gold' }],
    ['attr ne boolean', { attr: 'vip', op: 'ne', value: true }],
    ['attr gte date', { attr: 'birthday', op: 'gte', value: '1990-01-01' }],
    ['attr in', { attr: 'level', op: 'in', value: ['gold', 'silver'] }],
    ['order_count gt', { attr: 'order_count', op: 'gt', value: 3 }],
    ['total_spent in', { attr: 'total_spent', op: 'in', value: [0, 100] }],
    ['last_order_date lt', { attr: 'last_order_date', op: 'lt', value: '2026-01-01T00:00:00.000Z' }],
    ['depth at the limit', nest(AUDIENCE_MAX_DEPTH)],
    ['nodes at the limit', { all: Array.from({ length: AUDIENCE_MAX_NODES - 1 }, (_, i) => ({ tag: String(i) })) }],
  ])('%s', (_name, input) => {
    expect(ZAudienceExpression.parse(input)).toEqual(input);
  });
});

describe('ZAudienceExpression rejects, with a message that says what to do', () => {
  it.each([
    ['numeric id', { tag: 5 }, ['tag'], /string of digits/],
    ['non-digit id', { store: 'abc' }, ['store'], /string of digits/],
    ['two kinds in one node', { tag: '1', store: '2' }, [], /exactly one of/],
    ['unknown key', { tags: '1' }, [], /exactly one of/],
    ['empty object', {}, [], /got no key/],
    ['not an object', { all: ['1'] }, ['all', 0], /must be an object/],
    ['all not an array', { all: { tag: '1' } }, ['all'], /array of conditions/],
    ['extra key on attr', { attr: 'a', op: 'eq', value: 1, x: 2 }, [], /attr, op and value/],
    ['attr without value', { attr: 'a', op: 'eq' }, [], /attr, op and value/],
    ['unknown op', { attr: 'a', op: 'like', value: 'x' }, ['op'], /op must be one of/],
    ['in with a scalar', { attr: 'a', op: 'in', value: 'x' }, ['value'], /needs an array/],
    ['in with an empty list', { attr: 'a', op: 'in', value: [] }, ['value'], /at least one value/],
    ['eq with a list', { attr: 'a', op: 'eq', value: ['x'] }, ['value'], /use op "in"/],
    ['gt on text', { attr: 'a', op: 'gt', value: 'gold' }, ['value'], /compares numbers, instants or dates/],
    ['order_count not an integer', { attr: 'order_count', op: 'eq', value: 1.5 }, ['value'], /integer/],
    ['last_order_date as a date', { attr: 'last_order_date', op: 'lt', value: '2026-01-01' }, ['value'], /offset/],
    [
      'addedBetween reversed',
      { addedBetween: ['2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z'] },
      ['addedBetween'],
      /start at or before its end/,
    ],
    [
      'addedBetween without offset',
      { addedBetween: ['2026-01-01T00:00:00', '2026-02-01T00:00:00Z'] },
      ['addedBetween', 0],
      /offset/,
    ],
    ['addedBetween one end', { addedBetween: ['2026-01-01T00:00:00Z'] }, ['addedBetween'], /two ISO instants/],
    ['nested error keeps its path', { all: [{ tag: '1' }, { not: { staff: 'x' } }] }, ['all', 1, 'not', 'staff'], /digits/],
    ['too deep', nest(AUDIENCE_MAX_DEPTH + 1), Array(AUDIENCE_MAX_DEPTH).fill('not'), /more than 8 levels/],
    [
      'too many nodes',
      { all: Array.from({ length: AUDIENCE_MAX_NODES }, () => ({ tag: '1' })) },
      ['all', AUDIENCE_MAX_NODES - 1],
      /more than 200 conditions/,
    ],
  ])('%s', (_name, input, path, message) => {
    const r = ZAudienceExpression.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error?.issues[0];
    expect(issue?.path).toEqual(path);
    expect(issue?.message).toMatch(message);
  });

  it('stops at the limit on a hostile, very deep input instead of overflowing the stack', () => {
    const r = ZAudienceExpression.safeParse(nest(100_000));
    expect(r.success).toBe(false);
    expect(r.error?.issues).toHaveLength(1);
  });
});
