import type { Ctx } from '../../context.ts';
import { getStoreStaffIds } from '../org/lookups.ts';
import type { TAudienceExpression } from './audience-expression.ts';
import { AudienceIndex } from './audience-index.ts';
import { evaluateAudience } from './evaluate-audience.ts';
import { loadAudienceCustomers } from './load-audience-customers.ts';
import { ensureAttrColumns, refreshAudienceIndex } from './load-audience-index.ts';
import { andInto, clearBit, popcount, slotsOf } from './slot-set.ts';

// The audience engine's API: every module that needs "who is in this audience" calls these three.
// Scope is the actor's data scope (a system actor sees the tenant). Deleted customers are left out
// unless `includeDeleted`.
//
// Counts and lists run on the tenant's in-memory bitset index (audience-index.ts), caught up with
// the change log before every call (load-audience-index.ts), so they are exact, also for changes
// made by other processes. Customers changed by the caller's own open transaction are evaluated
// with the naive loader inside that transaction.

export type TAudienceRunOptions = { includeDeleted?: boolean };

type TRun = { index: AudienceIndex; bits: Uint32Array; extra: number[] };

/** The actor's scope as a bitset: exactly `customers/customer-scope.ts`. */
async function scopeBits(ctx: Ctx, index: AudienceIndex, includeDeleted: boolean): Promise<Uint32Array> {
  const { actor } = ctx;
  const everyone = index.everyone(includeDeleted);
  if (actor.role === 'guide') {
    andInto(everyone, index.union(index.staff, [actor.staffId ?? -1]));
  } else if (actor.role === 'store_manager') {
    const storeId = actor.storeId ?? -1;
    const visible = index.union(index.staff, await getStoreStaffIds(ctx, storeId));
    index.stores.get(storeId)?.orInto(visible);
    andInto(everyone, visible);
  }
  return everyone;
}

async function run(ctx: Ctx, expr: TAudienceExpression, options: TAudienceRunOptions): Promise<TRun> {
  const includeDeleted = options.includeDeleted ?? false;
  const { index, own } = await refreshAudienceIndex(ctx);
  await ensureAttrColumns(ctx, index, AudienceIndex.attrKeys(expr));
  const scope = await scopeBits(ctx, index, includeDeleted);
  const bits = index.evaluate(expr, scope);
  if (own.length === 0) return { index, bits, extra: [] };
  // Customers changed by the caller's open transaction: the index holds them as committed (or as
  // of its build); the naive loader reads them through the transaction, scope included.
  for (const id of own) {
    const slot = index.slotOf(id);
    if (slot !== undefined && slot >>> 5 < bits.length) clearBit(bits, slot);
  }
  const { customers, context } = await loadAudienceCustomers(ctx, { customerIds: own });
  const c = { ...context, includeDeleted };
  const extra = customers.filter((x) => evaluateAudience(expr, x, c)).map((x) => Number(x.id));
  return { index, bits, extra };
}

/** How many customers the actor may see are in the audience. */
export async function countAudienceMembers(
  ctx: Ctx,
  expr: TAudienceExpression,
  options: TAudienceRunOptions = {},
): Promise<number> {
  const { bits, extra } = await run(ctx, expr, options);
  return popcount(bits) + extra.length;
}

/** The customer ids of the audience within the actor's scope, ascending. */
export async function listAudienceMembers(
  ctx: Ctx,
  expr: TAudienceExpression,
  options: TAudienceRunOptions = {},
): Promise<number[]> {
  const { index, bits, extra } = await run(ctx, expr, options);
  const slots = slotsOf(bits);
  const out: number[] = new Array(slots.length + extra.length);
  for (let i = 0; i < slots.length; i++) out[i] = index.ids[slots[i] as number] as number;
  for (let i = 0; i < extra.length; i++) out[slots.length + i] = extra[i] as number;
  // Slots are in id order unless a customer arrived late with a lower id; sort only then.
  return index.idsAscending && extra.length === 0 ? out : out.sort((a, b) => a - b);
}

/**
 * The count and the first `sampleSize` member ids (ascending) in one evaluation (previews).
 * @example
 * const { count, sampleIds } = await sampleAudienceMembers(ctx, { tag: '12' }, {}, 20);
 */
export async function sampleAudienceMembers(
  ctx: Ctx,
  expr: TAudienceExpression,
  options: TAudienceRunOptions,
  sampleSize: number,
): Promise<{ count: number; sampleIds: number[] }> {
  const { index, bits, extra } = await run(ctx, expr, options);
  // In id order the first slots are the lowest ids; otherwise (a late customer with a lower id)
  // every member is looked at.
  const ids = slotsOf(bits, index.idsAscending ? sampleSize : Number.POSITIVE_INFINITY).map((s) => index.ids[s] as number);
  ids.push(...extra);
  ids.sort((a, b) => a - b);
  return { count: popcount(bits) + extra.length, sampleIds: ids.slice(0, sampleSize) };
}

/**
 * Whether one customer is in the audience now (automation conditions). One customer needs no index:
 * the reference evaluator over that customer, read through the caller's transaction, scope included.
 */
export async function customerInAudience(
  ctx: Ctx,
  expr: TAudienceExpression,
  customerId: number,
  options: TAudienceRunOptions = {},
): Promise<boolean> {
  const { customers, context } = await loadAudienceCustomers(ctx, { customerIds: [customerId] });
  const one = customers[0];
  return one !== undefined && evaluateAudience(expr, one, { ...context, includeDeleted: options.includeDeleted ?? false });
}
