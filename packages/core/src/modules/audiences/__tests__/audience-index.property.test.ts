import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TAudienceExpression } from '../audience-expression.ts';
import { AudienceIndex, type TCustomerFacts } from '../audience-index.ts';
import { evaluateAudience, type TAudienceCustomer } from '../evaluate-audience.ts';
import { popcount, SlotSet, slotsOf } from '../slot-set.ts';

// The bitset index against the reference evaluator, in memory: random customers (many with no
// tags, some deleted, mixed attribute kinds), random expressions, random reloads.
const id = (max: number) => fc.integer({ min: 1, max }).map(String);
const tagGroupOf = new Map(Array.from({ length: 6 }, (_, i) => [String(i + 1), String((i % 3) + 1)]));
const instant = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-01-10T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());
const attrValue = fc.oneof(
  fc.integer({ min: 0, max: 4 }),
  fc.constantFrom('a', 'b', '2026-01-03', '2026-01-03T00:00:00Z', true, false),
  fc.constant(null),
);

const customerArb = (cid: number): fc.Arbitrary<TAudienceCustomer> =>
  fc.record({
    id: fc.constant(String(cid)),
    deleted: fc.boolean(),
    storeId: fc.option(id(3), { nil: null }),
    staffIds: fc.uniqueArray(id(3), { maxLength: 3 }),
    tagIds: fc.oneof(fc.constant([]), fc.uniqueArray(id(6), { maxLength: 4 })),
    groupIds: fc.uniqueArray(id(3), { maxLength: 2 }),
    addedAt: fc.option(instant, { nil: null }),
    attrs: fc.record({ score: attrValue, kind: attrValue }, { requiredKeys: [] }),
    orderCount: fc.integer({ min: 0, max: 3 }),
    totalSpentCents: fc.integer({ min: 0, max: 3000 }),
    lastOrderAt: fc.option(instant, { nil: null }),
  });
const population = fc
  .integer({ min: 0, max: 80 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(i * 7 + 3))));

const leaf: fc.Arbitrary<TAudienceExpression> = fc.oneof(
  id(7).map((tag) => ({ tag })),
  id(4).map((untaggedIn) => ({ untaggedIn })),
  id(3).map((store) => ({ store })),
  id(3).map((staff) => ({ staff })),
  id(3).map((inGroup) => ({ inGroup })),
  fc.tuple(instant, instant).map(([a, b]): TAudienceExpression => ({ addedBetween: a <= b ? [a, b] : [b, a] })),
  fc.record({
    attr: fc.constantFrom('score', 'kind', 'order_count', 'total_spent'),
    op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'),
    value: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    attr: fc.constantFrom('score', 'kind', 'last_order_date'),
    op: fc.constantFrom('eq', 'ne', 'gt', 'lte'),
    value: fc.constantFrom('a', '2026-01-03', '2026-01-03T00:00:00Z', '2026-01-05T08:00:00+08:00'),
  }),
  fc.record({
    attr: fc.constantFrom('score', 'kind'),
    op: fc.constant('in'),
    value: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom('a', true)), { minLength: 1, maxLength: 3 }),
  }),
) as fc.Arbitrary<TAudienceExpression>;
const { expr } = fc.letrec<{ expr: TAudienceExpression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('expr'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('expr'), { maxLength: 3 }).map((any) => ({ any })),
    tie('expr').map((e) => ({ not: e })),
  ),
}));

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);
export const factsOf = (c: TAudienceCustomer): TCustomerFacts => ({
  id: Number(c.id),
  deleted: c.deleted,
  storeId: c.storeId === null ? null : Number(c.storeId),
  staffIds: c.staffIds.map(Number),
  tagIds: c.tagIds.map(Number),
  groupIds: c.groupIds.map(Number),
  addedAtMs: ms(c.addedAt),
  orderCount: c.orderCount ?? 0,
  totalSpentCents: c.totalSpentCents ?? 0,
  lastOrderAtMs: ms(c.lastOrderAt),
  attrs: c.attrs,
});

function indexOf(cs: readonly TAudienceCustomer[]): AudienceIndex {
  const index = new AudienceIndex(8);
  index.tagGroupOf = new Map([...tagGroupOf].map(([t, g]) => [Number(t), Number(g)]));
  index.attrCols.set('score', new Map());
  index.attrCols.set('kind', new Map());
  for (const c of cs) index.upsert(factsOf(c));
  return index;
}

const expected = (e: TAudienceExpression, cs: readonly TAudienceCustomer[], includeDeleted: boolean) =>
  cs
    .filter((c) => evaluateAudience(e, c, { tagGroupOf, includeDeleted }))
    .map((c) => Number(c.id))
    .sort((a, b) => a - b);

describe('AudienceIndex against the reference evaluator (property)', () => {
  it('gives exactly the reference members, with or without deleted customers', () => {
    fc.assert(
      fc.property(expr, population, fc.boolean(), (e, cs, includeDeleted) => {
        const index = indexOf(cs);
        const bits = index.evaluate(e, index.everyone(includeDeleted));
        const got = slotsOf(bits).map((s) => index.ids[s] as number);
        expect(got).toEqual(expected(e, cs, includeDeleted));
        expect(popcount(bits)).toBe(got.length);
      }),
      { numRuns: 300 },
    );
  });

  it('stays exact after customers are reloaded with other facts or removed', () => {
    fc.assert(
      fc.property(expr, population, population, fc.nat(), (e, before, after, cut) => {
        const index = indexOf(before);
        // Some customers change, some vanish, some are new (ids beyond the first population).
        const removed = new Set(before.filter((_, i) => i % 5 === cut % 5).map((c) => c.id));
        for (const id of removed) index.remove(Number(id));
        const changed = after.map((c) => ({ ...c, id: String(Number(c.id) + (Number(c.id) % 2 ? 0 : 1000)) }));
        for (const c of changed) index.upsert(factsOf(c));
        const byId = new Map<string, TAudienceCustomer>();
        for (const c of before) if (!removed.has(c.id)) byId.set(c.id, c);
        for (const c of changed) byId.set(c.id, c);
        const now = [...byId.values()];
        const got = slotsOf(index.evaluate(e, index.everyone(false)))
          .map((s) => index.ids[s] as number)
          .sort((a, b) => a - b);
        expect(got).toEqual(expected(e, now, false));
      }),
      { numRuns: 150 },
    );
  });
});

describe('SlotSet', () => {
  it('agrees with a Set through the switch from sparse to dense', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(5000))), (ops) => {
        const set = new SlotSet();
        const ref = new Set<number>();
        for (const [add, s] of ops) {
          if (add) {
            set.add(s, 2000);
            ref.add(s);
          } else {
            set.delete(s);
            ref.delete(s);
          }
        }
        expect(set.size).toBe(ref.size);
        const words = set.toWords(Math.ceil(5001 / 32));
        expect(slotsOf(words)).toEqual([...ref].sort((a, b) => a - b));
      }),
    );
  });
});
