// Audience expressions: the JSON form the API takes and stores as is (issue 5 §4). This file is
// the contract only (schema, types, limits); evaluate-audience.ts is the reference meaning and
// the fast engine must agree with it.
//
//   {"all":[E,…]} · {"any":[E,…]} · {"not":E} · {"tag":"<tagId>"} · {"untaggedIn":"<tagGroupId>"}
//   {"store":"<storeId>"} · {"staff":"<staffId>"} · {"inGroup":"<groupId>"}
//   {"addedBetween":["<iso>","<iso>"]} · {"attr":"<name>","op":"eq|ne|gt|gte|lt|lte|in","value":…}
//
// Ids are strings of digits (bigint ids survive JSON that way). Every node is an object with
// exactly one of the keys above (an `attr` node: exactly `attr`, `op`, `value`); unknown keys are
// rejected rather than ignored, so a typo can never silently widen an audience.
//
// Attribute values (`attr` nodes):
//  - Built-ins (they win over a custom field with the same key):
//      `order_count`     integer ≥ 0, number of paid orders (0 when none);
//      `total_spent`     integer cents (分) ≥ 0, paid minus refunded (0 when none);
//      `last_order_date` instant of the latest paid order (ISO with offset), missing when none.
//  - Custom fields (customer_fields.key): text/select → string, number → number,
//    boolean → boolean, date → calendar date `YYYY-MM-DD`.
//  - Ordering ops (gt/gte/lt/lte) take a number, an instant or a calendar date; `in` takes a
//    non-empty array of scalars; eq/ne take one scalar.
import { z } from '@hono/zod-openapi';

/** Deepest nesting accepted; a leaf directly at the root is depth 1. */
export const AUDIENCE_MAX_DEPTH = 8;
/** Most nodes (combinators and leaves together) in one expression. */
export const AUDIENCE_MAX_NODES = 200;
/** Most values in one `in` list. */
export const AUDIENCE_MAX_IN_VALUES = 500;

export const AUDIENCE_BUILTIN_ATTRS = ['last_order_date', 'order_count', 'total_spent'] as const;
export type TAudienceBuiltinAttr = (typeof AUDIENCE_BUILTIN_ATTRS)[number];

export const AUDIENCE_ATTR_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
export type TAudienceAttrOp = (typeof AUDIENCE_ATTR_OPS)[number];

export type TAudienceScalar = string | number | boolean;

export type TAudienceExpression =
  | { all: TAudienceExpression[] }
  | { any: TAudienceExpression[] }
  | { not: TAudienceExpression }
  | { tag: string }
  | { untaggedIn: string }
  | { store: string }
  | { staff: string }
  | { inGroup: string }
  | { addedBetween: [string, string] }
  | { attr: string; op: TAudienceAttrOp; value: TAudienceScalar | TAudienceScalar[] };

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const CALENDAR_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Milliseconds since the epoch of an ISO instant that carries its offset; null otherwise. */
export function parseInstant(value: string): number | null {
  if (!INSTANT_RE.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** True for a real calendar date `YYYY-MM-DD` (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const ZId = (what: string) => z.string().regex(/^[0-9]{1,19}$/, `${what} must be an id written as a string of digits, like "42"`);

// Offsets are required: an instant without one would depend on the server's time zone.
const ZInstant = z
  .string()
  .refine((s) => parseInstant(s) !== null, 'must be an ISO instant with its offset, like 2026-05-01T00:00:00+08:00');

const ZScalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

const ZAttrNode = z
  .strictObject({
    attr: z.string().min(1, 'attr needs the name of a custom field or one of last_order_date, order_count, total_spent').max(64),
    op: z.enum(AUDIENCE_ATTR_OPS, { message: `op must be one of ${AUDIENCE_ATTR_OPS.join(', ')}` }),
    value: z.union([ZScalar, z.array(ZScalar).max(AUDIENCE_MAX_IN_VALUES)]),
  })
  .superRefine((node, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
    const values = Array.isArray(node.value) ? node.value : [node.value];
    if (node.op === 'in') {
      if (!Array.isArray(node.value)) return issue('op "in" needs an array of values, like ["a","b"]');
      if (node.value.length === 0) return issue('op "in" needs at least one value');
    } else if (Array.isArray(node.value)) {
      return issue(`op "${node.op}" needs a single value; use op "in" for a list`);
    }
    if (['gt', 'gte', 'lt', 'lte'].includes(node.op)) {
      const v = values[0];
      const orderable = typeof v === 'number' || (typeof v === 'string' && (parseInstant(v) !== null || isCalendarDate(v)));
      if (!orderable) return issue(`op "${node.op}" compares numbers, instants or dates (YYYY-MM-DD), not ${JSON.stringify(v)}`);
    }
    if (node.attr === 'order_count' || node.attr === 'total_spent') {
      if (!values.every((v) => typeof v === 'number' && Number.isInteger(v))) {
        return issue(`${node.attr} is an integer${node.attr === 'total_spent' ? ' number of cents' : ''}`);
      }
    }
    if (node.attr === 'last_order_date') {
      if (!values.every((v) => typeof v === 'string' && parseInstant(v) !== null)) {
        return issue('last_order_date is compared with ISO instants carrying an offset, like 2026-05-01T00:00:00+08:00');
      }
    }
  });

// `z.ZodType<TAudienceExpression>`: the recursive type is written by hand above, so inference
// does not have to chase the cycle.
const ZNode: z.ZodType<TAudienceExpression> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ZNode) }),
    z.strictObject({ any: z.array(ZNode) }),
    z.strictObject({ not: ZNode }),
    z.strictObject({ tag: ZId('tag') }),
    z.strictObject({ untaggedIn: ZId('untaggedIn (a tag group)') }),
    z.strictObject({ store: ZId('store') }),
    z.strictObject({ staff: ZId('staff') }),
    z.strictObject({ inGroup: ZId('inGroup (a customer group)') }),
    z.strictObject({
      addedBetween: z.tuple([ZInstant, ZInstant]).refine(([from, to]) => (parseInstant(from) ?? 0) <= (parseInstant(to) ?? 0), {
        message: 'addedBetween needs its start at or before its end',
      }),
    }),
    ZAttrNode,
  ]),
);

const NODE_KEYS = ['all', 'any', 'not', 'tag', 'untaggedIn', 'store', 'staff', 'inGroup', 'addedBetween'];
const ATTR_KEYS = ['attr', 'op', 'value'];

// Walks the raw JSON before the typed parse: it names the offending node for a wrong shape, and
// it stops at the limits, so a hostile 100,000-deep input cannot exhaust the stack of the
// recursive parse (or of an evaluator later).
function checkShape(input: unknown, ctx: z.RefinementCtx): void {
  let nodes = 0;
  let countReported = false;
  const walk = (node: unknown, path: (string | number)[], depth: number): void => {
    if (depth > AUDIENCE_MAX_DEPTH) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `The expression is nested more than ${AUDIENCE_MAX_DEPTH} levels deep. Flatten it: all/any take many children`,
      });
      return;
    }
    nodes += 1;
    if (nodes > AUDIENCE_MAX_NODES) {
      if (!countReported) {
        countReported = true;
        ctx.addIssue({
          code: 'custom',
          path,
          message: `The expression has more than ${AUDIENCE_MAX_NODES} conditions. Split it or use tags to group customers`,
        });
      }
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) {
      ctx.addIssue({ code: 'custom', path, message: 'Each condition must be an object like {"tag":"42"}' });
      return;
    }
    const keys = Object.keys(node);
    const isAttr = keys.includes('attr');
    const ok = isAttr
      ? keys.length === 3 && ATTR_KEYS.every((k) => keys.includes(k))
      : keys.length === 1 && NODE_KEYS.includes(keys[0] as string);
    if (!ok) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: isAttr
          ? `An attr condition has exactly the keys attr, op and value; got ${keys.join(', ')}`
          : `A condition has exactly one of ${NODE_KEYS.join(', ')} (or attr, op, value); got ${keys.length ? keys.join(', ') : 'no key'}`,
      });
      return;
    }
    const record = node as Record<string, unknown>;
    const typeIssue = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [...path, key], message });
    // Type errors abort a zod union branch and would come back as a bare "Invalid input";
    // catching them here keeps the message specific.
    const key = keys[0] as string;
    if (isAttr) {
      if (typeof record.attr !== 'string') typeIssue('attr', 'attr must be the name of a field, as a string');
      if (!AUDIENCE_ATTR_OPS.includes(record.op as TAudienceAttrOp)) {
        typeIssue('op', `op must be one of ${AUDIENCE_ATTR_OPS.join(', ')}`);
      }
      const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v);
      const v = record.value;
      if (!(isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) {
        typeIssue('value', 'value must be a string, number or boolean (or an array of them for op "in")');
      }
    } else if (key === 'all' || key === 'any') {
      if (!Array.isArray(record[key])) typeIssue(key, `${key} takes an array of conditions, like {"${key}":[{"tag":"1"}]}`);
    } else if (key === 'addedBetween') {
      const v = record[key];
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'string')) {
        typeIssue(key, 'addedBetween takes two ISO instants, like ["2026-05-01T00:00:00+08:00","2026-06-01T00:00:00+08:00"]');
      }
    } else if (key !== 'not' && typeof record[key] !== 'string') {
      typeIssue(key, `${key} takes an id written as a string of digits, like {"${key}":"42"}`);
    }
    for (const key of ['all', 'any'] as const) {
      const children = record[key];
      if (!Array.isArray(children)) continue;
      for (let i = 0; i < children.length && nodes <= AUDIENCE_MAX_NODES; i++) walk(children[i], [...path, key, i], depth + 1);
    }
    if ('not' in record) walk(record.not, [...path, 'not'], depth + 1);
  };
  walk(input, [], 1);
}

/**
 * An audience expression, validated: shape, ids, values, `addedBetween` order, and the limits
 * (depth ≤ {@link AUDIENCE_MAX_DEPTH}, nodes ≤ {@link AUDIENCE_MAX_NODES}).
 *
 * @example
 * ZAudienceExpression.parse({ all: [{ tag: '12' }, { not: { untaggedIn: '3' } }] });
 */
export const ZAudienceExpression = z.unknown().superRefine(checkShape).pipe(ZNode);
export type TAudienceExpressionInput = z.input<typeof ZAudienceExpression>;
