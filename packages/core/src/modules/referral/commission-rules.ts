// Pure commission rules of the referral programme: which rule an order line falls under, what an
// order earns at each level, and how much a refund takes back. No I/O; table-driven tests beside.
//
// Categories: order lines carry `sku` and `name` but no category (modules/orders), so a category
// is a rule's list of SKU prefixes. A line belongs to the rule with the longest matching prefix
// (ties: the earlier rule); a line no prefix matches belongs to the default rule (the one rule
// without prefixes), or earns nothing when there is none.

/** A rate: `percent` of the line amount (0–100, two decimals) or a `fixed` amount in cents per unit sold. */
export type TRate = { kind: 'percent'; value: number } | { kind: 'fixed'; value: number };

export type TCommissionRule = {
  // The category's name as operators see it ("茶饮", "周边").
  name: string;
  // SKU prefixes of the category; empty = the default rule for lines no other rule matches.
  skuPrefixes: string[];
  level1: TRate;
  // Null: this category earns nothing at level 2.
  level2: TRate | null;
};

export type TCommissionLineInput = { sku: string; quantity: number; priceCents: number };

export type TCommissionInput = {
  // What the customer paid for the order, in cents.
  amountCents: number;
  items: readonly TCommissionLineInput[];
  rules: readonly TCommissionRule[];
  // 2 when a level-2 referrer exists and the programme pays level 2.
  levels: 1 | 2;
  caps?: { level1: number | null; level2: number | null };
};

export type TCommissionPart = { rule: string; grossCents: number; units: number; rate: TRate };
export type TCommissionResult = {
  level1: number;
  level2: number;
  parts: { level1: TCommissionPart[]; level2: TCommissionPart[] };
};

export const MAX_RULES = 50;
export const MAX_PREFIXES = 50;

/** The index of the rule a SKU falls under, or -1 when it earns nothing. */
export function ruleIndexForSku(rules: readonly TCommissionRule[], sku: string): number {
  let best = -1;
  let bestLength = 0;
  rules.forEach((rule, i) => {
    for (const prefix of rule.skuPrefixes) {
      if (prefix.length > bestLength && sku.startsWith(prefix)) {
        best = i;
        bestLength = prefix.length;
      }
    }
  });
  if (best >= 0) return best;
  return rules.findIndex((r) => r.skuPrefixes.length === 0);
}

/** Percent as basis points (12.5 % → 1250), so that arithmetic stays in integers. */
export const basisPoints = (percent: number) => Math.round(percent * 100);

// Round half up of num / den for non-negative bigints.
const roundDiv = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

/**
 * What an order earns at level 1 and level 2, in whole cents.
 *
 * - The paid amount is spread over the lines in proportion to their list amounts (price × quantity),
 *   so discounts lower every category's base alike. An order without lines (or with only free lines)
 *   counts as one line of the paid amount with an empty SKU: only the default rule applies to it.
 * - Percent rates apply to that base; fixed rates pay `value` cents per unit sold.
 * - Each level is rounded once (half up) after summing its categories, then capped by the
 *   programme's per-order cap; level 1 + level 2 never exceed the paid amount (level 1 first).
 * @example
 * computeCommission({ amountCents: 10000, items: [{ sku: 'TEA-1', quantity: 2, priceCents: 5000 }], rules: [{ name: '茶', skuPrefixes: ['TEA'], level1: { kind: 'percent', value: 10 }, level2: null }], levels: 1 });
 * // { level1: 1000, level2: 0, parts: … }
 */
export function computeCommission(input: TCommissionInput): TCommissionResult {
  const paid = Math.max(0, Math.trunc(input.amountCents));
  const priced = input.items.filter((i) => i.quantity > 0 && i.priceCents >= 0);
  const gross = priced.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);
  const lines: TCommissionLineInput[] = gross > 0 ? priced : paid > 0 ? [{ sku: '', quantity: 1, priceCents: paid }] : [];
  const lineGross = gross > 0 ? gross : paid;

  // Gross amount and units per rule.
  const perRule = new Map<number, { grossCents: number; units: number }>();
  for (const line of lines) {
    const index = ruleIndexForSku(input.rules, line.sku);
    if (index < 0) continue;
    const acc = perRule.get(index) ?? { grossCents: 0, units: 0 };
    acc.grossCents += line.priceCents * line.quantity;
    acc.units += line.quantity;
    perRule.set(index, acc);
  }

  const levelAmount = (level: 1 | 2): { amount: number; parts: TCommissionPart[] } => {
    let percentNum = 0n;
    let fixed = 0;
    const parts: TCommissionPart[] = [];
    for (const [index, acc] of [...perRule.entries()].sort((a, b) => a[0] - b[0])) {
      const rule = input.rules[index];
      const rate = rule ? (level === 1 ? rule.level1 : rule.level2) : null;
      if (!rule || !rate) continue;
      parts.push({ rule: rule.name, grossCents: acc.grossCents, units: acc.units, rate });
      if (rate.kind === 'percent') percentNum += BigInt(acc.grossCents) * BigInt(basisPoints(rate.value));
      else fixed += Math.trunc(rate.value) * acc.units;
    }
    const percentPart = lineGross > 0 ? Number(roundDiv(percentNum * BigInt(paid), BigInt(lineGross) * 10_000n)) : 0;
    let amount = percentPart + fixed;
    const cap = level === 1 ? input.caps?.level1 : input.caps?.level2;
    if (cap !== null && cap !== undefined) amount = Math.min(amount, cap);
    return { amount: Math.max(0, amount), parts };
  };

  const one = levelAmount(1);
  const level1 = Math.min(one.amount, paid);
  if (input.levels < 2) return { level1, level2: 0, parts: { level1: one.parts, level2: [] } };
  const two = levelAmount(2);
  const level2 = Math.min(two.amount, paid - level1);
  return { level1, level2, parts: { level1: one.parts, level2: two.parts } };
}

/**
 * What a refund of `refundCents` takes back from a commission of `commissionCents` on an order of
 * `orderAmountCents`: all of it for a full refund, else the refunded share rounded down — so any
 * number of partial refunds never takes back more than the commission.
 * @example clawbackCents(1000, 2500, 10000) // 250
 */
export function clawbackCents(commissionCents: number, refundCents: number, orderAmountCents: number): number {
  if (commissionCents <= 0 || refundCents <= 0) return 0;
  if (orderAmountCents <= 0 || refundCents >= orderAmountCents) return commissionCents;
  return Number((BigInt(commissionCents) * BigInt(refundCents)) / BigInt(orderAmountCents));
}

/**
 * Problems with a rule set, in words an operator can act on; empty when it is valid. Ranges of
 * single rates (percent 0–100, fixed ≥ 0) are checked by the schema; this checks the set.
 */
export function ruleSetProblems(rules: readonly TCommissionRule[]): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const defaults = rules.flatMap((r, i) => (r.skuPrefixes.length === 0 ? [i] : []));
  for (const i of defaults.slice(1)) {
    problems.push({
      path: [i, 'skuPrefixes'],
      message: 'Only one rule may have no SKU prefixes (the default rule). Add prefixes to this rule or remove it',
    });
  }
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    rule.skuPrefixes.forEach((prefix, j) => {
      const first = seen.get(prefix);
      if (first !== undefined) {
        problems.push({
          path: [i, 'skuPrefixes', j],
          message: `SKU prefix "${prefix}" is already used by rule ${first + 1}. Use each prefix in one rule only`,
        });
      } else seen.set(prefix, i);
    });
    if (rule.level1.kind === 'percent' && rule.level2?.kind === 'percent' && rule.level1.value + rule.level2.value > 100) {
      problems.push({
        path: [i, 'level2'],
        message: 'Level 1 and level 2 percentages together exceed 100 %. Lower one of them',
      });
    }
  });
  return problems;
}
