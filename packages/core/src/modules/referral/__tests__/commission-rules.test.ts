import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clawbackCents,
  computeCommission,
  ruleIndexForSku,
  ruleSetProblems,
  type TCommissionInput,
  type TCommissionRule,
} from '../commission-rules.ts';
import { ZSaveReferralProgramme } from '../referral.schemas.ts';

const pct = (value: number) => ({ kind: 'percent' as const, value });
const fixed = (value: number) => ({ kind: 'fixed' as const, value });

const TEA: TCommissionRule = { name: '茶饮', skuPrefixes: ['TEA'], level1: pct(10), level2: pct(2) };
const SPECIAL: TCommissionRule = { name: '特调', skuPrefixes: ['TEA-SP'], level1: fixed(500), level2: null };
const DEFAULT: TCommissionRule = { name: '其他', skuPrefixes: [], level1: pct(5), level2: pct(1) };
const HALF: TCommissionRule = { name: '周边', skuPrefixes: ['MER'], level1: pct(12.5), level2: null };
const RULES = [TEA, SPECIAL, DEFAULT, HALF];

const line = (sku: string, quantity: number, priceCents: number) => ({ sku, quantity, priceCents });

describe('ruleIndexForSku', () => {
  it.each([
    ['TEA-1', 0, 'the TEA prefix'],
    ['TEA-SP1', 1, 'the longest prefix wins over TEA'],
    ['CUP-1', 2, 'no prefix matches: the default rule'],
    ['', 2, 'an empty SKU: the default rule'],
    ['MER-9', 3, 'the MER prefix'],
  ])('%s → rule %i (%s)', (sku, expected) => {
    expect(ruleIndexForSku(RULES, sku)).toBe(expected);
  });

  it('answers -1 when nothing matches and there is no default rule', () => {
    expect(ruleIndexForSku([TEA, SPECIAL], 'CUP-1')).toBe(-1);
  });
});

type TCase = {
  name: string;
  input: Omit<TCommissionInput, 'rules'> & { rules?: TCommissionRule[] };
  level1: number;
  level2: number;
};

const cases: TCase[] = [
  {
    name: 'percent of one category',
    input: { amountCents: 10_000, items: [line('TEA-1', 2, 5000)], levels: 1 },
    level1: 1000,
    level2: 0,
  },
  {
    name: 'a discount lowers the base in proportion',
    input: { amountCents: 8000, items: [line('TEA-1', 2, 5000)], levels: 1 },
    level1: 800,
    level2: 0,
  },
  {
    name: 'fixed cents per unit under the longest prefix',
    input: { amountCents: 3000, items: [line('TEA-SP1', 3, 1000)], levels: 1 },
    level1: 1500,
    level2: 0,
  },
  {
    name: 'the default rule takes unmatched lines',
    input: { amountCents: 3000, items: [line('CUP-1', 1, 3000)], levels: 1 },
    level1: 150,
    level2: 0,
  },
  {
    name: 'no default rule: unmatched lines earn nothing',
    input: { amountCents: 3000, items: [line('CUP-1', 1, 3000)], levels: 1, rules: [TEA, SPECIAL] },
    level1: 0,
    level2: 0,
  },
  {
    name: 'level 2 at its own rate',
    input: { amountCents: 10_000, items: [line('TEA-1', 1, 10_000)], levels: 2 },
    level1: 1000,
    level2: 200,
  },
  {
    name: 'a category without a level-2 rate pays nothing at level 2',
    input: { amountCents: 1000, items: [line('TEA-SP1', 1, 1000)], levels: 2 },
    level1: 500,
    level2: 0,
  },
  {
    name: 'level 2 is not computed for a single-level order',
    input: { amountCents: 10_000, items: [line('TEA-1', 1, 10_000)], levels: 1 },
    level1: 1000,
    level2: 0,
  },
  {
    name: 'rounds half up: 100.5 → 101',
    input: { amountCents: 1005, items: [line('TEA-1', 1, 1005)], levels: 1 },
    level1: 101,
    level2: 0,
  },
  {
    name: 'rounds half up: 100.4 → 100',
    input: { amountCents: 1004, items: [line('TEA-1', 1, 1004)], levels: 1 },
    level1: 100,
    level2: 0,
  },
  {
    name: 'rounds once per level, after summing the categories (10.5 + 5.5 = 16, not 11 + 6)',
    input: { amountCents: 215, items: [line('TEA-1', 1, 105), line('CUP-1', 1, 110)], levels: 1 },
    level1: 16,
    level2: 0,
  },
  {
    name: 'two-decimal percent: 12.5 % of 999 = 124.875 → 125',
    input: { amountCents: 999, items: [line('MER-1', 1, 999)], levels: 1 },
    level1: 125,
    level2: 0,
  },
  {
    name: 'categories share a discount in proportion (5400 × 10 % + 3600 × 5 %)',
    input: { amountCents: 9000, items: [line('TEA-1', 2, 3000), line('CUP-1', 1, 4000)], levels: 1 },
    level1: 720,
    level2: 0,
  },
  {
    name: 'a per-order cap at each level',
    input: { amountCents: 10_000, items: [line('TEA-1', 1, 10_000)], levels: 2, caps: { level1: 300, level2: 50 } },
    level1: 300,
    level2: 50,
  },
  {
    name: 'commission never exceeds the paid amount (level 1 first)',
    input: { amountCents: 1000, items: [line('TEA-SP1', 3, 400)], levels: 2 },
    level1: 1000,
    level2: 0,
  },
  {
    name: 'an order without lines counts as one default line',
    input: { amountCents: 2000, items: [], levels: 2 },
    level1: 100,
    level2: 20,
  },
  {
    name: 'an order without lines and no default rule earns nothing',
    input: { amountCents: 2000, items: [], levels: 1, rules: [TEA] },
    level1: 0,
    level2: 0,
  },
  {
    name: 'only free lines: the paid amount counts as one default line',
    input: { amountCents: 1000, items: [line('TEA-1', 1, 0)], levels: 1 },
    level1: 50,
    level2: 0,
  },
  {
    name: 'nothing paid, nothing earned',
    input: { amountCents: 0, items: [line('TEA-1', 1, 1000)], levels: 2 },
    level1: 0,
    level2: 0,
  },
  {
    name: 'a 0 % rule earns nothing',
    input: { amountCents: 5000, items: [line('TEA-1', 1, 5000)], levels: 1, rules: [{ ...TEA, level1: pct(0) }] },
    level1: 0,
    level2: 0,
  },
];

describe('computeCommission', () => {
  it.each(cases)('$name', ({ input, level1, level2 }) => {
    const result = computeCommission({ ...input, rules: input.rules ?? RULES });
    expect({ level1: result.level1, level2: result.level2 }).toEqual({ level1, level2 });
  });

  it('explains each level by category: base, units and rate', () => {
    const r = computeCommission({
      amountCents: 9000,
      items: [line('TEA-1', 2, 3000), line('CUP-1', 1, 4000)],
      rules: RULES,
      levels: 2,
    });
    expect(r.parts.level1).toEqual([
      { rule: '茶饮', grossCents: 6000, units: 2, rate: pct(10) },
      { rule: '其他', grossCents: 4000, units: 1, rate: pct(5) },
    ]);
    expect(r.parts.level2.map((p) => p.rule)).toEqual(['茶饮', '其他']);
  });

  it('always answers whole cents between 0 and the paid amount, level 1 + level 2 included', () => {
    const rate = fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map((bp) => pct(bp / 100)),
      fc.integer({ min: 0, max: 5000 }).map(fixed),
    );
    const rule = fc.record({
      name: fc.constant('r'),
      skuPrefixes: fc.array(fc.constantFrom('A', 'AB', 'B', 'C'), { maxLength: 2 }),
      level1: rate,
      level2: fc.option(rate, { nil: null }),
    });
    const item = fc.record({
      sku: fc.constantFrom('A1', 'AB1', 'B1', 'C1', 'D1', ''),
      quantity: fc.integer({ min: 1, max: 20 }),
      priceCents: fc.integer({ min: 0, max: 1_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.array(item, { maxLength: 6 }),
        fc.array(rule, { maxLength: 4 }),
        fc.constantFrom(1 as const, 2 as const),
        (amountCents, items, rules, levels) => {
          const r = computeCommission({ amountCents, items, rules, levels });
          expect(Number.isInteger(r.level1) && Number.isInteger(r.level2)).toBe(true);
          expect(r.level1).toBeGreaterThanOrEqual(0);
          expect(r.level2).toBeGreaterThanOrEqual(0);
          expect(r.level1 + r.level2).toBeLessThanOrEqual(amountCents);
          if (levels === 1) expect(r.level2).toBe(0);
        },
      ),
    );
  });
});

describe('clawbackCents', () => {
  it.each([
    [1000, 2500, 10_000, 250, 'a quarter refunded takes back a quarter'],
    [1000, 10_000, 10_000, 1000, 'a full refund takes back everything'],
    [1000, 12_000, 10_000, 1000, 'more than the order is a full refund'],
    [333, 1, 3, 111, 'an exact share'],
    [100, 1, 3, 33, 'rounded down (33.33 → 33)'],
    [0, 500, 1000, 0, 'no commission, nothing to take back'],
    [1000, 0, 10_000, 0, 'nothing refunded'],
  ])('commission %i, refund %i of %i → %i (%s)', (commission, refund, order, expected) => {
    expect(clawbackCents(commission, refund, order)).toBe(expected);
  });

  it('never takes back more than the commission over any partial refunds of the order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        (order, commissionRaw, weights) => {
          const commission = Math.min(commissionRaw, order);
          // Partial refunds that together refund at most the order.
          const total = weights.reduce((a, b) => a + b, 0);
          const refunds = weights.map((w) => Math.floor(((order - 1) * w) / total));
          const taken = refunds.reduce((sum, r) => sum + clawbackCents(commission, r, order), 0);
          expect(taken).toBeLessThanOrEqual(commission);
        },
      ),
    );
  });
});

describe('ruleSetProblems', () => {
  it.each([
    { name: 'a valid set', rules: RULES, problems: 0 },
    { name: 'two default rules', rules: [DEFAULT, { ...DEFAULT, name: 'x' }], problems: 1 },
    { name: 'a prefix used twice', rules: [TEA, { ...HALF, skuPrefixes: ['TEA'] }], problems: 1 },
    { name: 'level 1 + level 2 over 100 %', rules: [{ ...TEA, level1: pct(80), level2: pct(30) }], problems: 1 },
    {
      name: 'fixed rates are not added to percentages',
      rules: [{ ...TEA, level1: fixed(100_000), level2: pct(30) }],
      problems: 0,
    },
  ])('$name → $problems problem(s)', ({ rules, problems }) => {
    expect(ruleSetProblems(rules)).toHaveLength(problems);
  });
});

describe('ZSaveReferralProgramme', () => {
  const base = { enabled: true, attributionDays: 30, refundDays: 7 };
  const withRate = (level1: unknown) => ({ ...base, rules: [{ name: '茶饮', skuPrefixes: ['TEA'], level1 }] });
  it.each([
    [{ kind: 'percent', value: 12.5 }, true],
    [{ kind: 'percent', value: 0 }, true],
    [{ kind: 'percent', value: 100 }, true],
    [{ kind: 'percent', value: 100.01 }, false],
    [{ kind: 'percent', value: -1 }, false],
    [{ kind: 'percent', value: 12.345 }, false],
    [{ kind: 'fixed', value: 0 }, true],
    [{ kind: 'fixed', value: 500 }, true],
    [{ kind: 'fixed', value: -1 }, false],
    [{ kind: 'fixed', value: 1.5 }, false],
    [{ kind: 'bonus', value: 1 }, false],
  ])('rate %j valid: %s', (rate, ok) => {
    expect(ZSaveReferralProgramme.safeParse(withRate(rate)).success).toBe(ok);
  });

  it('rejects windows out of range and rule sets with problems, naming the field', () => {
    expect(ZSaveReferralProgramme.safeParse({ ...base, attributionDays: 0 }).success).toBe(false);
    expect(ZSaveReferralProgramme.safeParse({ ...base, refundDays: 366 }).success).toBe(false);
    const bad = ZSaveReferralProgramme.safeParse({ ...base, rules: [DEFAULT, { ...DEFAULT, name: 'x' }] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['rules', 1, 'skuPrefixes']);
  });
});
