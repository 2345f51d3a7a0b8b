import { describe, expect, it } from 'vitest';
import {
  codeIdOfState,
  groupCodeState,
  groupNameFor,
  hasSeat,
  ownerFor,
  pickGroup,
  type TGroupCodeRule,
  type TPoolEntry,
} from '../group-code-rules.ts';

const g = (chatId: string, over: Partial<TPoolEntry> = {}): TPoolEntry => ({
  groupId: Number(chatId.replace(/\D/g, '')) || 1,
  chatId,
  position: Number(chatId.replace(/\D/g, '')) || 0,
  cap: 200,
  members: 1,
  reserved: 0,
  status: 'active',
  wayId: 1,
  ...over,
});

describe('pickGroup', () => {
  const cases: { name: string; rule: TGroupCodeRule; pool: TPoolEntry[]; requireWay?: boolean; want: string | null }[] = [
    { name: 'fill in order: the first group', rule: 'fill_in_order', pool: [g('g1'), g('g2')], want: 'g1' },
    {
      name: 'fill in order follows positions, not list order',
      rule: 'fill_in_order',
      pool: [g('g2', { position: 2 }), g('g1', { position: 1 })],
      want: 'g1',
    },
    {
      name: 'skips a group at its cap',
      rule: 'fill_in_order',
      pool: [g('g1', { members: 200 }), g('g2')],
      want: 'g2',
    },
    {
      name: 'seats promised count: members + reserved at the cap is full',
      rule: 'fill_in_order',
      pool: [g('g1', { members: 150, reserved: 50 }), g('g2')],
      want: 'g2',
    },
    {
      name: 'one seat left is a seat',
      rule: 'fill_in_order',
      pool: [g('g1', { cap: 50, members: 40, reserved: 9 }), g('g2')],
      want: 'g1',
    },
    {
      name: 'a code cap below the group cap',
      rule: 'fill_in_order',
      pool: [g('g1', { cap: 50, members: 50 }), g('g2', { cap: 50, members: 49 })],
      want: 'g2',
    },
    {
      name: 'skips a dismissed group',
      rule: 'fill_in_order',
      pool: [g('g1', { status: 'dismissed', members: 0 }), g('g2')],
      want: 'g2',
    },
    {
      name: 'skips a group without a join way (no QR to show yet)',
      rule: 'fill_in_order',
      pool: [g('g1', { wayId: null }), g('g2')],
      want: 'g2',
    },
    {
      name: 'the preview may ignore ways',
      rule: 'fill_in_order',
      pool: [g('g1', { wayId: null }), g('g2')],
      requireWay: false,
      want: 'g1',
    },
    {
      name: 'least full: the lowest load',
      rule: 'least_full',
      pool: [g('g1', { members: 30 }), g('g2', { members: 10, reserved: 15 }), g('g3', { members: 20 })],
      want: 'g3',
    },
    {
      name: 'least full: ties go to the earlier position',
      rule: 'least_full',
      pool: [g('g3', { members: 5 }), g('g2', { members: 5 }), g('g1', { members: 9 })],
      want: 'g2',
    },
    {
      name: 'least full never picks a full group',
      rule: 'least_full',
      pool: [g('g1', { cap: 10, members: 10 }), g('g2', { cap: 50, members: 49 })],
      want: 'g2',
    },
    { name: 'everything full', rule: 'least_full', pool: [g('g1', { members: 200 }), g('g2', { reserved: 199 })], want: null },
    { name: 'an empty pool', rule: 'fill_in_order', pool: [], want: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(pickGroup(c.pool, c.rule, { requireWay: c.requireWay })?.chatId ?? null).toBe(c.want);
    });
  }

  it('a group with a seat has members + reserved below its cap and is active', () => {
    expect(hasSeat(g('a', { cap: 3, members: 2, reserved: 0 }))).toBe(true);
    expect(hasSeat(g('a', { cap: 3, members: 2, reserved: 1 }))).toBe(false);
    expect(hasSeat(g('a', { cap: 3, members: 4, reserved: 0 }))).toBe(false);
    expect(hasSeat(g('a', { status: 'dismissed', members: 0 }))).toBe(false);
  });
});

describe('groupNameFor', () => {
  const cases: [string, number, string][] = [
    ['茶屿会员群{n}', 12, '茶屿会员群12'],
    ['{n}号福利群', 3, '3号福利群'],
    ['群{n}-{n}', 7, '群7-7'],
    ['无编号', 4, '无编号'],
    [`${'长'.repeat(130)}{n}`, 1, '长'.repeat(128)],
  ];
  for (const [template, n, want] of cases) {
    it(`${template.slice(0, 20)} #${n}`, () => expect(groupNameFor(template, n)).toBe(want));
  }
});

describe('ownerFor', () => {
  const cases: { name: string; pool: number[]; available: number[]; n: number; want: number | null }[] = [
    { name: 'turns by running number', pool: [3, 5, 8], available: [3, 5, 8], n: 1, want: 3 },
    { name: 'second turn', pool: [3, 5, 8], available: [3, 5, 8], n: 2, want: 5 },
    { name: 'wraps around', pool: [3, 5, 8], available: [3, 5, 8], n: 4, want: 3 },
    { name: 'skips a resigned owner', pool: [3, 5, 8], available: [3, 8], n: 2, want: 8 },
    { name: 'skips to the start of the pool', pool: [3, 5, 8], available: [3], n: 3, want: 3 },
    { name: 'nobody can own a group', pool: [3, 5], available: [], n: 1, want: null },
    { name: 'no owner pool', pool: [], available: [1], n: 1, want: null },
  ];
  for (const c of cases) {
    it(c.name, () => expect(ownerFor(c.pool, new Set(c.available), c.n)).toBe(c.want));
  }
});

describe('join way state', () => {
  it('round-trips and ignores other modules’ states', () => {
    expect(groupCodeState(42)).toBe('gc42');
    expect(codeIdOfState('gc42')).toBe(42);
    for (const other of ['lc42', 'gc', 'gcx', 'gc42x', 'fi3.4', null, undefined, '']) expect(codeIdOfState(other)).toBeNull();
  });
});
