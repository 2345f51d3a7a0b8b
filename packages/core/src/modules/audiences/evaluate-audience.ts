// The reference meaning of an audience expression: a naive evaluator over plain snapshots. The
// fast engine (bitmaps/SQL) is checked against it by property tests; where they disagree, this
// file is right. Decisions (issue 5 §4 asks for exact semantics):
//
//  - Scope. An audience is a subset of the customers the caller may see: `countAudience` is given
//    exactly those. Deleted customers leave the scope first, unless `includeDeleted`.
//  - `not E` is the complement of E within the scope (set difference), never SQL's NOT: every
//    condition is two-valued here, so E and `not E` always split the scope in two.
//  - `all: []` is everyone in scope, `any: []` is no one.
//  - `tag` t: the customer carries t. `untaggedIn` g: the customer carries no tag whose group is
//    g, so a customer with no tags at all is in it (and in `not tag`). A tag missing from
//    `tagGroupOf` (deleted tag, stale snapshot) belongs to no group.
//  - `store`: the customer's own store. `staff`: a current follow (a relation the customer or the
//    staff member ended does not count). `inGroup`: a current member of that customer group.
//  - `addedBetween [from, to]`: first-add instant within the range, both ends included (SQL's
//    BETWEEN); customers never added (imported only) are outside every range.
//  - `attr`: a comparison holds only when the customer has a value of the same kind as the
//    expression's value (number, boolean, instant, calendar date, text). A missing value (absent
//    or null) or one of another kind makes every op false, `ne` included: that is SQL's rule
//    (NULL <> 'x' is unknown, and WHERE keeps only true). So `ne x` is not `not eq x`: the
//    latter also takes the customers without a value. Instants compare as instants
//    (…T08:00+08:00 equals …T00:00Z); dates (YYYY-MM-DD) as dates; text only by eq/ne/in.
//  - Built-ins: `order_count` and `total_spent` (cents) are 0 for a customer without orders, so
//    they are never missing; `last_order_date` is missing when the customer never ordered.
import {
  isCalendarDate,
  parseInstant,
  type TAudienceAttrOp,
  type TAudienceExpression,
  type TAudienceScalar,
} from './audience-expression.ts';

/** What the evaluator needs to know of one customer. Ids are digit strings, as in expressions. */
export type TAudienceCustomer = {
  id: string;
  /** Soft-deleted: outside every audience unless the caller includes deleted customers. */
  deleted: boolean;
  storeId: string | null;
  /** Staff members the customer follows now (ended relations left out). */
  staffIds: readonly string[];
  tagIds: readonly string[];
  /** Customer groups (WeCom group chats) the customer is in now. */
  groupIds: readonly string[];
  /** First time the customer added any staff member (ISO instant); null if never. */
  addedAt: string | null;
  /** Custom fields by key (customers.attrs). */
  attrs: Readonly<Record<string, TAudienceScalar | null | undefined>>;
  /** Paid orders; absent = 0. */
  orderCount?: number;
  /** Paid minus refunded, in cents; absent = 0. */
  totalSpentCents?: number;
  /** Latest paid order (ISO instant); absent or null = never ordered. */
  lastOrderAt?: string | null;
};

export type TAudienceContext = {
  /** Tag id → tag group id, for `untaggedIn`. */
  tagGroupOf: ReadonlyMap<string, string>;
  /** Keep deleted customers in scope (default: leave them out). */
  includeDeleted?: boolean;
};

/** A value classified for comparison (see the header: kinds never compare across). */
export type TAudienceValue =
  | { kind: 'number'; n: number }
  | { kind: 'boolean'; b: boolean }
  | { kind: 'instant'; n: number }
  | { kind: 'date'; s: string }
  | { kind: 'text'; s: string };
type TValue = TAudienceValue;

/** The kind and comparable form of a stored or expression value; null for a missing value. */
export function classifyAudienceValue(v: TAudienceScalar | null | undefined): TAudienceValue | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', n: v } : null;
  if (typeof v === 'boolean') return { kind: 'boolean', b: v };
  if (isCalendarDate(v)) return { kind: 'date', s: v };
  const ms = parseInstant(v);
  return ms === null ? { kind: 'text', s: v } : { kind: 'instant', n: ms };
}
const classify = classifyAudienceValue;

// -1/0/1, or null when the two cannot be compared (different kinds, or ordering text/booleans).
function compare(a: TValue, b: TValue, ordered: boolean): number | null {
  if (a.kind !== b.kind) return null;
  switch (a.kind) {
    case 'number':
    case 'instant': {
      const y = (b as { n: number }).n;
      return a.n < y ? -1 : a.n > y ? 1 : 0;
    }
    case 'date': {
      const y = (b as { s: string }).s;
      return a.s < y ? -1 : a.s > y ? 1 : 0;
    }
    case 'boolean':
      return ordered ? null : a.b === (b as { b: boolean }).b ? 0 : 1;
    case 'text':
      return ordered ? null : a.s === (b as { s: string }).s ? 0 : 1;
  }
}

function builtinValue(c: TAudienceCustomer, name: string): TAudienceScalar | null | undefined {
  if (name === 'order_count') return c.orderCount ?? 0;
  if (name === 'total_spent') return c.totalSpentCents ?? 0;
  if (name === 'last_order_date') return c.lastOrderAt ?? null;
  return c.attrs[name];
}

/**
 * The test of one `attr` node on a customer's classified value (null = missing), with the
 * expression's values classified once — the fast engine runs it over a million values.
 * @example
 * compileAttrTest('gte', 3)({ kind: 'number', n: 5 }); // true
 */
export function compileAttrTest(
  op: TAudienceAttrOp,
  value: TAudienceScalar | TAudienceScalar[],
): (have: TAudienceValue | null) => boolean {
  if (op === 'in') {
    const wants = (Array.isArray(value) ? value : [value]).map(classify).filter((w): w is TValue => w !== null);
    return (have) => have !== null && wants.some((want) => compare(have, want, false) === 0);
  }
  if (Array.isArray(value)) return () => false; // the schema rejects this; no list outside `in`
  const want = classify(value);
  if (want === null) return () => false;
  const ordered = op !== 'eq' && op !== 'ne';
  return (have) => {
    if (have === null) return false;
    const cmp = compare(have, want, ordered);
    if (cmp === null) return false;
    switch (op) {
      case 'eq':
        return cmp === 0;
      case 'ne':
        return cmp !== 0;
      case 'gt':
        return cmp > 0;
      case 'gte':
        return cmp >= 0;
      case 'lt':
        return cmp < 0;
      case 'lte':
        return cmp <= 0;
    }
  };
}

function matchesAttr(
  c: TAudienceCustomer,
  name: string,
  op: TAudienceAttrOp,
  value: TAudienceScalar | TAudienceScalar[],
): boolean {
  return compileAttrTest(op, value)(classify(builtinValue(c, name)));
}

function matches(e: TAudienceExpression, c: TAudienceCustomer, ctx: TAudienceContext): boolean {
  if ('all' in e) return e.all.every((x) => matches(x, c, ctx));
  if ('any' in e) return e.any.some((x) => matches(x, c, ctx));
  if ('not' in e) return !matches(e.not, c, ctx);
  if ('tag' in e) return c.tagIds.includes(e.tag);
  if ('untaggedIn' in e) return !c.tagIds.some((t) => ctx.tagGroupOf.get(t) === e.untaggedIn);
  if ('store' in e) return c.storeId === e.store;
  if ('staff' in e) return c.staffIds.includes(e.staff);
  if ('inGroup' in e) return c.groupIds.includes(e.inGroup);
  if ('addedBetween' in e) {
    const at = c.addedAt === null ? null : Date.parse(c.addedAt);
    if (at === null || Number.isNaN(at)) return false;
    const from = parseInstant(e.addedBetween[0]);
    const to = parseInstant(e.addedBetween[1]);
    return from !== null && to !== null && from <= at && at <= to;
  }
  return matchesAttr(c, e.attr, e.op, e.value);
}

/**
 * Whether one customer is in the audience. A deleted customer is in none unless
 * `ctx.includeDeleted`. `expr` must have passed `ZAudienceExpression` (which bounds its depth).
 *
 * @example
 * evaluateAudience({ not: { tag: '7' } }, customer, { tagGroupOf: new Map([['7', '1']]) });
 */
export function evaluateAudience(expr: TAudienceExpression, customer: TAudienceCustomer, ctx: TAudienceContext): boolean {
  if (customer.deleted && !ctx.includeDeleted) return false;
  return matches(expr, customer, ctx);
}

/**
 * How many of `customers` (the caller's whole scope) are in the audience.
 *
 * @example
 * countAudience({ all: [] }, customers, { tagGroupOf }); // everyone not deleted
 */
export function countAudience(expr: TAudienceExpression, customers: readonly TAudienceCustomer[], ctx: TAudienceContext): number {
  let n = 0;
  for (const c of customers) if (evaluateAudience(expr, c, ctx)) n += 1;
  return n;
}
