import { and, eq, inArray } from 'drizzle-orm';
import { type Ctx, dbOf } from '../../context.ts';
import { getStaffById, type TStaffRef } from '../org/lookups.ts';
import type { liveCodes } from './live-codes.tables.ts';
import { liveCodeDailyCounts } from './live-codes.tables.ts';

/** Every staff id a code mentions: pool, backups and the list the way holds. */
export const staffIdsOf = (code: Pick<typeof liveCodes.$inferSelect, 'pool' | 'backupStaffIds' | 'appliedStaffIds'>) => [
  ...new Set([...code.pool.map((m) => m.staffId), ...code.backupStaffIds, ...code.appliedStaffIds]),
];

/**
 * Staff members by id, through the org module's lookups; `cache` is shared across the codes of one
 * request or sweep. Missing ids (deleted staff) are absent from the map.
 */
export async function loadStaff(
  ctx: Ctx,
  ids: readonly number[],
  cache: Map<number, TStaffRef | null> = new Map(),
): Promise<Map<number, TStaffRef>> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  // One query at a time inside a transaction (a transaction's connection runs one query at a time).
  if (ctx.tx) {
    for (const id of missing) cache.set(id, await getStaffById(ctx, id));
  } else {
    const found = await Promise.all(missing.map((id) => getStaffById(ctx, id)));
    missing.forEach((id, i) => {
      cache.set(id, found[i] ?? null);
    });
  }
  const out = new Map<number, TStaffRef>();
  for (const id of ids) {
    const s = cache.get(id);
    if (s) out.set(id, s);
  }
  return out;
}

/** codeId → staffId → adds on `day` (local), for a set of codes. */
export async function addsOnDay(ctx: Ctx, codeIds: readonly number[], day: string): Promise<Map<number, Map<number, number>>> {
  const out = new Map<number, Map<number, number>>();
  if (codeIds.length === 0) return out;
  const rows = await dbOf(ctx)
    .select({ codeId: liveCodeDailyCounts.codeId, staffId: liveCodeDailyCounts.staffId, added: liveCodeDailyCounts.added })
    .from(liveCodeDailyCounts)
    .where(
      and(
        eq(liveCodeDailyCounts.tenantId, ctx.actor.tenantId),
        inArray(liveCodeDailyCounts.codeId, [...codeIds]),
        eq(liveCodeDailyCounts.day, day),
      ),
    );
  for (const r of rows) {
    const m = out.get(r.codeId) ?? new Map<number, number>();
    m.set(r.staffId, r.added);
    out.set(r.codeId, m);
  }
  return out;
}
