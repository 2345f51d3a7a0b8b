import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSeat, isFull, pickGroup, type TGroupCodeRule, type TPoolEntry } from '../group-code-rules.ts';
import { planJoinWays, type TWayState } from '../plan-join-ways.ts';

const g = (n: number, over: Partial<TPoolEntry> = {}): TPoolEntry => ({
  groupId: n,
  chatId: `wr${n}`,
  position: n,
  cap: 10,
  members: 1,
  reserved: 0,
  status: 'active',
  wayId: null,
  ...over,
});

type Case = {
  name: string;
  pool: TPoolEntry[];
  ways: TWayState[];
  rule?: TGroupCodeRule;
  maxLeads?: number;
  want: { updates?: [number, string[]][]; creates?: string[][]; deletes?: number[] };
};

const cases: Case[] = [
  {
    name: 'a new pool: one way per lead, each headed by its group, overflow in pool order',
    pool: [g(1), g(2), g(3)],
    ways: [],
    maxLeads: 2,
    want: {
      creates: [
        ['wr1', 'wr2', 'wr3'],
        ['wr2', 'wr1', 'wr3'],
      ],
    },
  },
  {
    name: 'nothing changed: nothing to do',
    pool: [g(1), g(2)],
    ways: [
      { id: 7, chatIds: ['wr1', 'wr2'] },
      { id: 8, chatIds: ['wr2', 'wr1'] },
    ],
    want: {},
  },
  {
    name: 'a full group leaves: its way rotates to a fresh group, others drop it from their overflow',
    pool: [g(1, { members: 10 }), g(2), g(3)],
    ways: [
      { id: 7, chatIds: ['wr1', 'wr2', 'wr3'] },
      { id: 8, chatIds: ['wr2', 'wr1', 'wr3'] },
    ],
    maxLeads: 2,
    want: {
      updates: [
        [7, ['wr3', 'wr2']],
        [8, ['wr2', 'wr3']],
      ],
    },
  },
  {
    name: 'a head with seats promised keeps its way even when no seat is left',
    pool: [g(1, { members: 8, reserved: 2 }), g(2)],
    ways: [{ id: 7, chatIds: ['wr1', 'wr2'] }],
    maxLeads: 1,
    want: { creates: [['wr2', 'wr1']] },
  },
  {
    name: 'the last group fills and nothing replaces it: the way is deleted',
    pool: [g(1, { members: 10 })],
    ways: [{ id: 7, chatIds: ['wr1'] }],
    want: { deletes: [7] },
  },
  {
    name: 'a dismissed group leaves every list',
    pool: [g(1, { status: 'dismissed' }), g(2)],
    ways: [
      { id: 7, chatIds: ['wr2', 'wr1'] },
      { id: 8, chatIds: ['wr1', 'wr2'] },
    ],
    want: { updates: [[7, ['wr2']]], deletes: [8] },
  },
  {
    name: 'a group removed from the pool leaves every list',
    pool: [g(2)],
    ways: [{ id: 7, chatIds: ['wr2', 'wr9'] }],
    want: { updates: [[7, ['wr2']]] },
  },
  {
    name: 'at most five chats per way',
    pool: [1, 2, 3, 4, 5, 6, 7].map((n) => g(n)),
    ways: [],
    maxLeads: 1,
    want: { creates: [['wr1', 'wr2', 'wr3', 'wr4', 'wr5']] },
  },
  {
    name: 'least full: the least loaded groups lead',
    pool: [g(1, { members: 9 }), g(2, { members: 3 }), g(3, { members: 5 })],
    ways: [],
    rule: 'least_full',
    maxLeads: 2,
    want: {
      creates: [
        ['wr2', 'wr1', 'wr3'],
        ['wr3', 'wr1', 'wr2'],
      ],
    },
  },
  {
    name: 'two ways headed by the same group: the later one is freed',
    pool: [g(1), g(2)],
    ways: [
      { id: 7, chatIds: ['wr1', 'wr2'] },
      { id: 8, chatIds: ['wr1', 'wr2'] },
    ],
    maxLeads: 2,
    want: { updates: [[8, ['wr2', 'wr1']]] },
  },
  {
    name: 'an empty pool deletes every way',
    pool: [],
    ways: [{ id: 7, chatIds: ['wr1'] }],
    want: { deletes: [7] },
  },
];

describe('planJoinWays', () => {
  for (const c of cases) {
    it(c.name, () => {
      const plan = planJoinWays({ pool: c.pool, ways: c.ways, rule: c.rule ?? 'fill_in_order', maxLeads: c.maxLeads });
      expect(plan.updates.map((u) => [u.wayId, u.chatIds])).toEqual(c.want.updates ?? []);
      expect(plan.creates.map((x) => x.chatIds)).toEqual(c.want.creates ?? []);
      expect(plan.deletes).toEqual(c.want.deletes ?? []);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Properties

const poolArb = fc
  .array(
    fc.record({
      cap: fc.integer({ min: 1, max: 6 }),
      members: fc.integer({ min: 0, max: 7 }),
      reserved: fc.integer({ min: 0, max: 4 }),
      dismissed: fc.boolean(),
    }),
    { maxLength: 12 },
  )
  .map((rows) =>
    rows.map((r, i) =>
      g(i + 1, {
        cap: r.cap,
        members: r.members,
        reserved: r.reserved,
        status: r.dismissed && i % 3 === 0 ? 'dismissed' : 'active',
      }),
    ),
  );
const chatArb = fc.integer({ min: 1, max: 14 }).map((n) => `wr${n}`);
const waysArb = fc
  .array(fc.uniqueArray(chatArb, { minLength: 1, maxLength: 5 }), { maxLength: 6 })
  .map((lists) => lists.map((chatIds, i) => ({ id: i + 1, chatIds })));

function apply(ways: TWayState[], plan: ReturnType<typeof planJoinWays>): TWayState[] {
  const next = ways.filter((w) => !plan.deletes.includes(w.id)).map((w) => ({ ...w }));
  for (const u of plan.updates) {
    const way = next.find((w) => w.id === u.wayId);
    if (way) way.chatIds = u.chatIds;
  }
  let id = Math.max(0, ...ways.map((w) => w.id));
  for (const c of plan.creates) next.push({ id: ++id, chatIds: c.chatIds });
  return next;
}

describe('planJoinWays properties', () => {
  it('lists hold 1–5 distinct pool chats, never a full group, and every head is its own', () => {
    fc.assert(
      fc.property(poolArb, waysArb, fc.constantFrom<TGroupCodeRule>('fill_in_order', 'least_full'), (pool, ways, rule) => {
        const after = apply(ways, planJoinWays({ pool, ways, rule, maxLeads: 3 }));
        const byChat = new Map(pool.map((p) => [p.chatId, p]));
        const heads = after.map((w) => w.chatIds[0]);
        expect(new Set(heads).size).toBe(heads.length);
        for (const way of after) {
          expect(way.chatIds.length).toBeGreaterThanOrEqual(1);
          expect(way.chatIds.length).toBeLessThanOrEqual(5);
          expect(new Set(way.chatIds).size).toBe(way.chatIds.length);
          for (const chat of way.chatIds) {
            const group = byChat.get(chat);
            expect(group).toBeDefined();
            if (group) expect(isFull(group)).toBe(false);
          }
        }
        // Enough leads: every group with a seat heads a way, up to the number asked for.
        const seats = pool.filter(hasSeat).length;
        const leading = after.filter((w) => {
          const head = byChat.get(w.chatIds[0] ?? '');
          return head ? hasSeat(head) : false;
        }).length;
        expect(leading).toBeGreaterThanOrEqual(Math.min(3, seats));
      }),
      { numRuns: 400 },
    );
  });

  it('is a fixpoint: planning again after applying the plan changes nothing', () => {
    fc.assert(
      fc.property(poolArb, waysArb, fc.constantFrom<TGroupCodeRule>('fill_in_order', 'least_full'), (pool, ways, rule) => {
        const after = apply(ways, planJoinWays({ pool, ways, rule, maxLeads: 3 }));
        const again = planJoinWays({ pool, ways: after, rule, maxLeads: 3 });
        expect(again.updates).toEqual([]);
        expect(again.creates).toEqual([]);
        expect(again.deletes).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('routing never puts a group over its cap (model)', () => {
  // A burst of visitors against the rule, interleaved with joins (a seat becomes a member), expiries
  // and leaves, in any order: a seat is handed out only below the cap, so the load never passes it.
  type Op = { kind: 'visit' | 'join' | 'expire' | 'leave'; pick: number };
  const opArb: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom<Op['kind']>('visit', 'visit', 'visit', 'join', 'join', 'expire', 'leave'),
    pick: fc.nat(20),
  });
  it('holds for any pool, rule and sequence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cap: fc.integer({ min: 1, max: 8 }), members: fc.integer({ min: 0, max: 8 }) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom<TGroupCodeRule>('fill_in_order', 'least_full'),
        fc.array(opArb, { maxLength: 120 }),
        (rows, rule, ops) => {
          const pool = rows.map((r, i) => g(i + 1, { cap: r.cap, members: Math.min(r.members, r.cap), wayId: i + 1 }));
          let routed = 0;
          let refused = 0;
          for (const op of ops) {
            if (op.kind === 'visit') {
              const chosen = pickGroup(pool, rule);
              if (chosen) {
                chosen.reserved++;
                routed++;
              } else {
                // Every group is full: a real code opens a new one here.
                expect(pool.every((p) => !hasSeat(p))).toBe(true);
                refused++;
              }
            } else {
              const withSeats = pool.filter((p) => p.reserved > 0);
              const target = withSeats[op.pick % Math.max(1, withSeats.length)];
              if (op.kind === 'join' && target) {
                target.reserved--;
                target.members++;
              } else if (op.kind === 'expire' && target) {
                target.reserved--;
              } else if (op.kind === 'leave') {
                const p = pool[op.pick % pool.length];
                if (p && p.members > 0) p.members--;
              }
            }
            for (const p of pool) expect(p.members + p.reserved).toBeLessThanOrEqual(p.cap);
          }
          expect(routed + refused).toBe(ops.filter((o) => o.kind === 'visit').length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
