import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TAudienceExpression, ZAudienceExpression } from '../audience-expression.ts';
import { countAudience, evaluateAudience, type TAudienceCustomer } from '../evaluate-audience.ts';

// Small id spaces so that conditions hit and miss often.
const id = (max: number) => fc.integer({ min: 1, max }).map(String);
const tagGroupOf = new Map(Array.from({ length: 6 }, (_, i) => [String(i + 1), String((i % 3) + 1)]));
const instant = fc
  .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-01-10T00:00:00Z') })
  .map((ms) => new Date(ms).toISOString());

const customerArb: fc.Arbitrary<TAudienceCustomer> = fc.record({
  id: id(1000),
  deleted: fc.boolean(),
  storeId: fc.option(id(3), { nil: null }),
  staffIds: fc.uniqueArray(id(3), { maxLength: 3 }),
  tagIds: fc.uniqueArray(id(6), { maxLength: 4 }),
  groupIds: fc.uniqueArray(id(3), { maxLength: 2 }),
  addedAt: fc.option(instant, { nil: null }),
  attrs: fc.record({ score: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }) }, { requiredKeys: [] }),
  orderCount: fc.integer({ min: 0, max: 3 }),
});

const leaf: fc.Arbitrary<TAudienceExpression> = fc.oneof(
  id(6).map((tag) => ({ tag })),
  id(3).map((untaggedIn) => ({ untaggedIn })),
  id(3).map((store) => ({ store })),
  id(3).map((staff) => ({ staff })),
  id(3).map((inGroup) => ({ inGroup })),
  fc.tuple(instant, instant).map(([a, b]): TAudienceExpression => ({ addedBetween: a <= b ? [a, b] : [b, a] })),
  fc.record({
    attr: fc.constantFrom('score', 'order_count'),
    op: fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte'),
    value: fc.integer({ min: 0, max: 4 }),
  }),
  fc.record({
    attr: fc.constant('score'),
    op: fc.constant('in'),
    value: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }),
  }),
);
const { expr } = fc.letrec<{ expr: TAudienceExpression }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('expr'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('expr'), { maxLength: 3 }).map((any) => ({ any })),
    tie('expr').map((e) => ({ not: e })),
  ),
}));
const population = fc.array(customerArb, { maxLength: 30 });
const ctx = { tagGroupOf };
const live = (cs: TAudienceCustomer[]) => cs.filter((c) => !c.deleted);

describe('audience algebra (property)', () => {
  it('generated expressions are valid under the schema (within its limits)', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const r = ZAudienceExpression.safeParse(e);
        if (!r.success) expect(r.error.issues[0]?.message).toMatch(/more than/);
      }),
    );
  });

  it('not not E ≡ E; all [E] ≡ E; any [E] ≡ E', () => {
    fc.assert(
      fc.property(expr, customerArb, (e, c) => {
        const v = evaluateAudience(e, c, ctx);
        expect(evaluateAudience({ not: { not: e } }, c, ctx)).toBe(v);
        expect(evaluateAudience({ all: [e] }, c, ctx)).toBe(v);
        expect(evaluateAudience({ any: [e] }, c, ctx)).toBe(v);
      }),
    );
  });

  it('De Morgan: not all [A,B] ≡ any [not A, not B], and the dual', () => {
    fc.assert(
      fc.property(expr, expr, population, (a, b, cs) => {
        for (const c of cs) {
          expect(evaluateAudience({ not: { all: [a, b] } }, c, ctx)).toBe(
            evaluateAudience({ any: [{ not: a }, { not: b }] }, c, ctx),
          );
          expect(evaluateAudience({ not: { any: [a, b] } }, c, ctx)).toBe(
            evaluateAudience({ all: [{ not: a }, { not: b }] }, c, ctx),
          );
        }
      }),
    );
  });

  it('E and not E split the scope: their counts sum to the customers not deleted', () => {
    fc.assert(
      fc.property(expr, population, fc.boolean(), (e, cs, includeDeleted) => {
        const scope = includeDeleted ? cs.length : live(cs).length;
        const n = countAudience(e, cs, { tagGroupOf, includeDeleted });
        const m = countAudience({ not: e }, cs, { tagGroupOf, includeDeleted });
        expect(n + m).toBe(scope);
      }),
    );
  });

  it('deleted customers never count unless asked', () => {
    fc.assert(
      fc.property(expr, population, (e, cs) => {
        expect(countAudience(e, cs, ctx)).toBe(countAudience(e, live(cs), { tagGroupOf, includeDeleted: true }));
      }),
    );
  });
});
